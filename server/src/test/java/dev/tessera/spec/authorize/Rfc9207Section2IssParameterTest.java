package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The iss parameter in every authorization response, success or error, equal to the issuer of
 * discovery. Spec: RFC 9207 §2, §2.4, §3.
 */
@Tag("rfc9207")
class Rfc9207Section2IssParameterTest extends FlowSpecTest {

    @Test
    @DisplayName("RFC 9207 §2: a successful response carries iss equal to discovery's issuer")
    void success_carriesIss() {
        String t = freshTenant("iss");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        var p = signIn(browser().get(req.path()), "alice", PASSWORD).redirectParams();
        assertThat(p.get("iss")).isEqualTo(issuerOf(t));
    }

    @Test
    @DisplayName("RFC 9207 §2: an error response carries iss too")
    void error_carriesIss() {
        String t = freshTenant("iss");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("scope", "openid nope");
        assertThat(errorOf(browser().get(req.path()), req, "invalid_scope").get("iss")).isEqualTo(issuerOf(t));
    }

    @Test
    @DisplayName("RFC 9207 §2: each tenant's responses carry that tenant's issuer")
    void issIsPerTenant() {
        String a = freshTenant("iss");
        String b = freshTenant("iss");
        RegisteredClient ca = publicClient(a);
        RegisteredClient cb = publicClient(b);
        AuthRequest ra = authRequest(a, ca).set("response_type", "token");
        AuthRequest rb = authRequest(b, cb).set("response_type", "token");
        assertThat(errorOf(browser().get(ra.path()), ra, "unsupported_response_type").get("iss")).endsWith("/t/" + a);
        assertThat(errorOf(browser().get(rb.path()), rb, "unsupported_response_type").get("iss")).endsWith("/t/" + b);
    }

    @Test
    @DisplayName("RFC 9207 §3: discovery announces authorization_response_iss_parameter_supported = true")
    void discovery_announcesSupport() {
        String t = freshTenant("iss");
        assertThat(discovery(t)).containsEntry("authorization_response_iss_parameter_supported", true);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: a client's own iss-like query member is not confused with the response's iss")
    void clientsOwnQuery_isKeptBeforeIss() {
        String t = freshTenant("iss");
        RegisteredClient c = register(t, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":"
                + "[\"https://app.example/cb?tenant=x\"],\"token_endpoint_auth_method\":\"none\"}");
        AuthRequest req = authRequest(t, c).set("redirect_uri", "https://app.example/cb?tenant=x").set("response_type", "token");
        var page = browser().get(req.path());
        assertThat(page.location()).startsWith("https://app.example/cb?tenant=x&error=unsupported_response_type");
        assertThat(page.redirectParams()).containsEntry("iss", server.issuer(t)).containsEntry("tenant", "x");
    }
}
