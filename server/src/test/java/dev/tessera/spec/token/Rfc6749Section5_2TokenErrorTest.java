package dev.tessera.spec.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 6749 §5.2: every token endpoint error with its status, JSON body and cache headers. */
@Tag("rfc6749")
class Rfc6749Section5_2TokenErrorTest extends TokenSpecTest {
    private String t;
    private RegisteredClient client;

    @BeforeAll
    void tenantAndClient() {
        t = freshTenant("err");
        client = serviceClient(t, "opaque");
    }

    private String path() {
        return "/t/" + t + "/token";
    }

    /** §5.2: JSON error body with the code, and no caching (§5.1 applies to error responses as well). */
    private static Http.Response expectOAuthError(Http.Response r, int status, String error) {
        r.expectStatus(status).expectError(error).expectHeader("Cache-Control", "no-store").expectHeader("Pragma", "no-cache");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).doesNotContainKey("access_token");
        return r;
    }

    @Test
    @DisplayName("RFC 6749 §5.2: missing grant_type → 400 invalid_request")
    void missingGrantType_isInvalidRequest() {
        expectOAuthError(token(t, client, "scope", "read"), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: empty grant_type → 400 invalid_request (§3.1: empty counts as omitted)")
    void emptyGrantType_isInvalidRequest() {
        expectOAuthError(token(t, client, "grant_type", ""), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: a repeated grant_type → 400 invalid_request")
    void repeatedGrantType_isInvalidRequest() {
        expectOAuthError(token(t, client, "grant_type", "client_credentials", "grant_type", "client_credentials"),
                400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: a repeated scope → 400 invalid_request")
    void repeatedScope_isInvalidRequest() {
        expectOAuthError(token(t, client, "grant_type", "client_credentials", "scope", "read", "scope", "write"),
                400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: a repeated client_id in the body → 400 invalid_request")
    void repeatedClientId_isInvalidRequest() {
        expectOAuthError(http.post(path()).form("grant_type", "client_credentials", "client_id", client.clientId(),
                "client_id", client.clientId(), "client_secret", client.clientSecret()).send(), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: a JSON body instead of application/x-www-form-urlencoded → 400 invalid_request")
    void jsonBody_isInvalidRequest() {
        expectOAuthError(http.post(path()).basicAuth(client.clientId(), client.clientSecret())
                .json("{\"grant_type\":\"client_credentials\"}").send(), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: a form body labelled text/plain → 400 invalid_request")
    void wrongContentType_isInvalidRequest() {
        expectOAuthError(http.post(path()).basicAuth(client.clientId(), client.clientSecret())
                .body("text/plain", "grant_type=client_credentials").send(), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: a body without Content-Type → 400 invalid_request")
    void missingContentType_isInvalidRequest() {
        expectOAuthError(http.post(path()).basicAuth(client.clientId(), client.clientSecret())
                .body(null, "grant_type=client_credentials").send(), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: GET on the token endpoint → 405 with Allow: POST and an OAuth error body")
    void get_isMethodNotAllowed() {
        Http.Response r = http.get(path() + "?grant_type=client_credentials")
                .basicAuth(client.clientId(), client.clientSecret()).send().expectStatus(405);
        assertThat(r.header("Allow")).isEqualTo("POST");
        assertThat(r.string("error")).isEqualTo("invalid_request");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.json()).doesNotContainKey("access_token");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: parameters in the query string of a POST do not count (grant_type missing → 400)")
    void queryParameters_areIgnored() {
        expectOAuthError(http.post(path() + "?grant_type=client_credentials")
                .basicAuth(client.clientId(), client.clientSecret()).form("scope", "read").send(), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: unknown client → 401 invalid_client with WWW-Authenticate: Basic")
    void unknownClient_isInvalidClient() {
        Http.Response r = expectOAuthError(http.post(path()).basicAuth("no-such-client", "whatever")
                .form("grant_type", "client_credentials").send(), 401, "invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic ");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: wrong client secret → 401 invalid_client with WWW-Authenticate: Basic")
    void wrongSecret_isInvalidClient() {
        Http.Response r = expectOAuthError(http.post(path()).basicAuth(client.clientId(), client.clientSecret() + "x")
                .form("grant_type", "client_credentials").send(), 401, "invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic ").contains("realm=");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: no client authentication at all → 401 invalid_client")
    void noClientAuthentication_isInvalidClient() {
        expectOAuthError(http.post(path()).form("grant_type", "client_credentials").send(), 401, "invalid_client");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: a client registered for client_secret_post that uses Basic → 401 with a Basic challenge")
    void basicForPostClient_isInvalidClient() {
        RegisteredClient post = register(t, "{\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_post\",\"scope\":\"read\"}");
        Http.Response r = expectOAuthError(http.post(path()).basicAuth(post.clientId(), post.clientSecret())
                .form("grant_type", "client_credentials").send(), 401, "invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic ");
        http.post(path()).form("grant_type", "client_credentials", "client_id", post.clientId(),
                "client_secret", post.clientSecret()).send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §5.2: a client registered for client_secret_basic that posts its secret → 401 invalid_client")
    void postForBasicClient_isInvalidClient() {
        expectOAuthError(http.post(path()).form("grant_type", "client_credentials", "client_id", client.clientId(),
                "client_secret", client.clientSecret()).send(), 401, "invalid_client");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: an Authorization scheme other than Basic → 401 invalid_client with a Basic challenge")
    void bearerAuthorization_isInvalidClient() {
        Http.Response r = expectOAuthError(http.post(path()).bearer("abc")
                .form("grant_type", "client_credentials").send(), 401, "invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic ");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: malformed Basic credentials → 401 invalid_client, never 5xx")
    void malformedBasic_isInvalidClient() {
        expectOAuthError(http.post(path()).header("Authorization", "Basic !!!not-base64!!!")
                .form("grant_type", "client_credentials").send(), 401, "invalid_client");
        expectOAuthError(http.post(path()).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("no-colon".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .form("grant_type", "client_credentials").send(), 401, "invalid_client");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: a client whose grant_types lack client_credentials → 400 unauthorized_client")
    void clientWithoutGrant_isUnauthorizedClient() {
        RegisteredClient other = serviceClient(t, "opaque");
        // Registration only accepts grants the server supports, so remove the grant from the stored client.
        rewriteStoredClient(t, other.clientId(), "\"client_credentials\"", "\"authorization_code\"", false);
        expectOAuthError(token(t, other, "grant_type", "client_credentials"), 400, "unauthorized_client");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: an unknown grant_type → 400 unsupported_grant_type")
    void unknownGrantType_isUnsupportedGrantType() {
        expectOAuthError(token(t, client, "grant_type", "urn:example:nope"), 400, "unsupported_grant_type");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: grant_type values are case-sensitive → 400 unsupported_grant_type")
    void grantTypeCase_isUnsupportedGrantType() {
        expectOAuthError(token(t, client, "grant_type", "CLIENT_CREDENTIALS"), 400, "unsupported_grant_type");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: a scope the client did not register → 400 invalid_scope")
    void unregisteredScope_isInvalidScope() {
        expectOAuthError(token(t, client, "grant_type", "client_credentials", "scope", "delete"), 400, "invalid_scope");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: a malformed scope (control characters / quotes) → 400 invalid_scope or invalid_request")
    void malformedScope_isRejected() {
        Http.Response r = token(t, client, "grant_type", "client_credentials", "scope", "read \"x\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.string("error")).isIn("invalid_scope", "invalid_request");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: error_description, when present, is client-safe ASCII text without the secret")
    void errorDescription_isSafe() {
        Http.Response r = http.post(path()).basicAuth(client.clientId(), "wrong-secret-value")
                .form("grant_type", "client_credentials").send().expectStatus(401);
        String d = r.string("error_description");
        if (d != null) {
            assertThat(d).matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*").doesNotContain("wrong-secret-value");
        }
        assertThat(r.body()).doesNotContain("wrong-secret-value");
    }
}
