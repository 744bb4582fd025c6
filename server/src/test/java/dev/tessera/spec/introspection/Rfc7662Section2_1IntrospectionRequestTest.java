package dev.tessera.spec.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 7662 §2.1: the introspection request — POST, form-encoded, {@code token} required, caller authenticated. */
@Tag("rfc7662")
class Rfc7662Section2_1IntrospectionRequestTest extends TokenSpecTest {
    private String t;
    private RegisteredClient client;
    private String token;

    @BeforeAll
    void tenantClientAndToken() {
        t = freshTenant("isr");
        client = serviceClient(t, "opaque");
        token = clientCredentialsToken(t, client);
    }

    private String path() {
        return "/t/" + t + "/introspect";
    }

    private static void expectUnauthorized(Http.Response r) {
        r.expectStatus(401).expectError("invalid_client");
        assertThat(r.json()).doesNotContainKey("active");
    }

    @Test
    @DisplayName("RFC 7662 §2.1: an authenticated request with a token → 200 JSON, not cacheable")
    void authenticatedRequest_isAnswered() {
        Http.Response r = introspect(t, client, token).expectStatus(200)
                .expectHeader("Cache-Control", "no-store");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7662 §2.1: no client authentication → 401 invalid_client, nothing revealed")
    void unauthenticated_is401() {
        Http.Response r = http.post(path()).form("token", token).send();
        expectUnauthorized(r);
        assertThat(r.header("WWW-Authenticate")).isNotNull();
    }

    @Test
    @DisplayName("RFC 7662 §2.1: a wrong client secret → 401 invalid_client with WWW-Authenticate: Basic")
    void wrongSecret_is401() {
        Http.Response r = http.post(path()).basicAuth(client.clientId(), "nope").form("token", token).send();
        expectUnauthorized(r);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic ");
    }

    @Test
    @DisplayName("RFC 7662 §2.1: the access token itself as bearer credential does not authorize the call → 401")
    void bearerOfTheTokenItself_is401() {
        expectUnauthorized(http.post(path()).bearer(token).form("token", token).send());
    }

    @Test
    @DisplayName("RFC 7662 §2.1: a client_id alone (public-client style) → 401 invalid_client")
    void clientIdOnly_is401() {
        expectUnauthorized(http.post(path()).form("token", token, "client_id", client.clientId()).send());
    }

    @Test
    @DisplayName("RFC 7662 §2.1: a client of another tenant is unknown here → 401")
    void clientOfAnotherTenant_is401() {
        String other = freshTenant("isr");
        RegisteredClient stranger = serviceClient(other, "opaque");
        expectUnauthorized(http.post(path()).basicAuth(stranger.clientId(), stranger.clientSecret()).form("token", token).send());
    }

    @Test
    @DisplayName("RFC 7662 §2.1: client_secret_post callers authenticate as registered")
    void clientSecretPost_isAccepted() {
        RegisteredClient post = register(t, "{\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_post\",\"scope\":\"read\"}");
        Http.Response r = http.post(path()).form("token", token, "client_id", post.clientId(),
                "client_secret", post.clientSecret()).send().expectStatus(200);
        assertThat(r.json()).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7662 §2.1: token missing → 400 invalid_request")
    void missingToken_is400() {
        http.post(path()).basicAuth(client.clientId(), client.clientSecret()).form("token_type_hint", "access_token")
                .send().expectStatus(400).expectError("invalid_request");
    }

    @Test
    @DisplayName("RFC 7662 §2.1: an empty token parameter counts as missing → 400 invalid_request")
    void emptyToken_is400() {
        http.post(path()).basicAuth(client.clientId(), client.clientSecret()).form("token", "")
                .send().expectStatus(400).expectError("invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §3.2 (via RFC 7662 §2.1): a repeated token parameter → 400 invalid_request")
    void repeatedToken_is400() {
        http.post(path()).basicAuth(client.clientId(), client.clientSecret()).form("token", token, "token", token)
                .send().expectStatus(400).expectError("invalid_request");
    }

    @Test
    @DisplayName("RFC 7662 §2.1: a JSON body instead of a form → 400 invalid_request")
    void jsonBody_is400() {
        http.post(path()).basicAuth(client.clientId(), client.clientSecret()).json("{\"token\":\"" + token + "\"}")
                .send().expectStatus(400).expectError("invalid_request");
    }

    @Test
    @DisplayName("RFC 7662 §2.1: GET is not the introspection method → 405 with Allow: POST")
    void get_is405() {
        Http.Response r = http.get(path() + "?token=" + token).basicAuth(client.clientId(), client.clientSecret())
                .send().expectStatus(405);
        assertThat(r.header("Allow")).isEqualTo("POST");
        assertThat(r.body()).doesNotContain("\"active\"");
    }

    @Test
    @DisplayName("RFC 7662 §2.1: token_type_hint is accepted, and a wrong hint does not hide the token")
    void tokenTypeHint_isAcceptedAndNotBinding() {
        Http.Response r = http.post(path()).basicAuth(client.clientId(), client.clientSecret())
                .form("token", token, "token_type_hint", "refresh_token").send().expectStatus(200);
        assertThat(r.json()).containsEntry("active", true);
        Http.Response u = http.post(path()).basicAuth(client.clientId(), client.clientSecret())
                .form("token", token, "token_type_hint", "urn:example:unknown").send().expectStatus(200);
        assertThat(u.json()).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7662 §2.1: an unknown tenant → 404, not an answer about the token")
    void unknownTenant_is404() {
        Http.Response r = http.post("/t/no-such-tenant-x/introspect").basicAuth(client.clientId(), client.clientSecret())
                .form("token", token).send().expectStatus(404);
        assertThat(r.body()).doesNotContain("\"active\"");
    }
}
