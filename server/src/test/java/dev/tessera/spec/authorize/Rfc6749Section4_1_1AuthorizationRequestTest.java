package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The authorization request and its error handling: response_type=code only, the client and its
 * redirect URI checked before anything is redirected, other errors redirected with error,
 * error_description, state and iss. Spec: RFC 6749 §3.1.2.3, §4.1.1, §4.1.2, §4.1.2.1; OIDC Core §3.1.2.
 */
@Tag("rfc6749")
class Rfc6749Section4_1_1AuthorizationRequestTest extends FlowSpecTest {

    @Test
    @DisplayName("RFC 6749 §4.1.1–4.1.2: a valid request leads through sign-in to a code at the redirect URI")
    void validRequest_signInThenCode() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        Browser b = browser();
        Browser.Page page = b.get(req.path()).expectStatus(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String code = codeOf(signIn(page, "alice", PASSWORD), req);
        assertThat(code).hasSizeGreaterThanOrEqualTo(32);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: the code redirect keeps the redirect URI's own query and is not cacheable")
    void redirect_keepsRegisteredQuery() {
        String t = freshTenant("az-req");
        RegisteredClient c = register(t, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":"
                + "[\"https://app.example/cb?app=1\"],\"token_endpoint_auth_method\":\"none\",\"scope\":\"openid\"}");
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("redirect_uri", "https://app.example/cb?app=1");
        Browser.Page page = signIn(browser().get(req.path()), "alice", PASSWORD).expectStatus(302);
        assertThat(page.location()).startsWith("https://app.example/cb?app=1&code=");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.redirectParams()).containsEntry("app", "1").containsEntry("state", req.get("state"));
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: response_type=token → redirect with unsupported_response_type, state, iss, error_description")
    void implicitResponseType_isRedirectedAsUnsupported() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("response_type", "token");
        errorOf(browser().get(req.path()), req, "unsupported_response_type");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: response_type=code id_token (hybrid) → unsupported_response_type")
    void hybridResponseType_isUnsupported() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("response_type", "code id_token");
        errorOf(browser().get(req.path()), req, "unsupported_response_type");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: a missing response_type → redirect with invalid_request")
    void missingResponseType_isInvalidRequest() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).remove("response_type");
        errorOf(browser().get(req.path()), req, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: an unknown client_id → 400 HTML error page, no redirect, no stack trace")
    void unknownClient_showsErrorPage() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("client_id", "no-such-client");
        assertErrorPage(browser().get(req.path()));
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: a missing client_id → 400 error page")
    void missingClient_showsErrorPage() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        assertErrorPage(browser().get(authRequest(t, c).remove("client_id").path()));
    }

    @Test
    @DisplayName("RFC 6749 §3.1.2.3: an unregistered redirect_uri → 400 error page, never a redirect to it")
    void unregisteredRedirect_showsErrorPage() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        Browser.Page page = browser().get(authRequest(t, c).set("redirect_uri", "https://evil.example/cb").path());
        assertErrorPage(page);
        assertThat(page.body()).doesNotContain("evil.example");
    }

    @Test
    @DisplayName("RFC 6749 §3.1.2.3: redirect_uri must match exactly (trailing slash, extra query, other case, other port)")
    void nearMissRedirects_showErrorPage() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        for (String uri : new String[] {REDIRECT + "/", REDIRECT + "?x=1", "https://APP.example/cb", "https://app.example:8443/cb",
                "https://app.example/cb#frag", "http://app.example/cb", "https://app.example/CB"}) {
            assertErrorPage(browser().get(authRequest(t, c).set("redirect_uri", uri).path()));
        }
    }

    @Test
    @DisplayName("RFC 6749 §3.1.2.3: with several registered redirect URIs, omitting redirect_uri → 400 error page")
    void omittedRedirectWithSeveralRegistered_showsErrorPage() {
        String t = freshTenant("az-req");
        RegisteredClient c = register(t, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":"
                + "[\"https://app.example/a\",\"https://app.example/b\"],\"token_endpoint_auth_method\":\"none\"}");
        assertErrorPage(browser().get(authRequest(t, c).remove("redirect_uri").path()));
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: a repeated client_id or redirect_uri → 400 error page")
    void repeatedClientParameters_showErrorPage() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        assertErrorPage(browser().get(authRequest(t, c).path() + "&client_id=" + enc(c.clientId())));
        assertErrorPage(browser().get(authRequest(t, c).path() + "&redirect_uri=" + enc(REDIRECT)));
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: another repeated parameter (scope) → redirect with invalid_request")
    void repeatedScope_isInvalidRequest() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c);
        errorOf(browser().get(req.path() + "&scope=profile"), req, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1 / CONTRACT §3: a scope outside the client's registered scope → invalid_scope")
    void unregisteredScope_isInvalidScope() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("scope", "openid admin");
        errorOf(browser().get(req.path()), req, "invalid_scope");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: a client without the authorization_code grant → unauthorized_client")
    void clientWithoutCodeGrant_isUnauthorized() {
        String t = freshTenant("az-req");
        RegisteredClient svc = serviceClient(t, "opaque");
        rewriteStoredClient(t, svc.clientId(), "\"grant_types\"", "\"redirect_uris\":[\"" + REDIRECT + "\"],\"grant_types\"", false);
        AuthRequest req = authRequest(t, svc);
        errorOf(browser().get(req.path()), req, "unauthorized_client");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: an error redirect without state carries no state, but iss and error_description")
    void errorWithoutState_hasNoState() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).remove("state").set("response_type", "token");
        Map<String, String> p = errorOf(browser().get(req.path()), req, "unsupported_response_type");
        assertThat(p).doesNotContainKey("state");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: state with reserved characters comes back unchanged")
    void stateWithReservedCharacters_roundTrips() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("state", "a b&c=d/é?#+").set("response_type", "token");
        errorOf(browser().get(req.path()), req, "unsupported_response_type");
    }

    @Test
    @DisplayName("RFC 6749 §3.1: request and request_uri objects are refused with their OIDC error codes")
    void requestObjects_areRefused() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("request", "eyJhbGciOiJub25lIn0.e30.");
        errorOf(browser().get(req.path()), req, "request_not_supported");
        AuthRequest req2 = authRequest(t, c).set("request_uri", "https://app.example/r");
        errorOf(browser().get(req2.path()), req2, "request_uri_not_supported");
    }

    @Test
    @DisplayName("RFC 6749 §3.1: POST to the authorization endpoint works like GET")
    void postAuthorization_isSupported() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        Browser b = browser();
        String query = req.path().substring(req.path().indexOf('?') + 1);
        Browser.Page page = b.postRaw("/t/" + t + "/authorize", query).expectStatus(200);
        codeOf(signIn(page, "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: a query that is not UTF-8 → 400 error page, never a 5xx")
    void malformedQuery_is400() {
        String t = freshTenant("az-req");
        RegisteredClient c = publicClient(t);
        Browser.Page page = browser().get("/t/" + t + "/authorize?client_id=" + c.clientId() + "&state=%C3%28&redirect_uri=%FF");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.location()).isNull();
    }

    private static void assertErrorPage(Browser.Page page) {
        page.expectStatus(400);
        assertThat(page.location()).as("no redirect").isNull();
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.alert()).as("an error message").isNotBlank();
        assertThat(page.body()).doesNotContain("Exception").doesNotContain("at dev.tessera");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }
}
