package dev.tessera.spec.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7591 §3.2.2: invalid metadata → 400 {@code invalid_client_metadata}; an invalid redirect URI →
 * 400 {@code invalid_redirect_uri}. Either way nothing is registered.
 */
@Tag("rfc7591")
class Rfc7591Section3_2_2RegistrationErrorTest extends SpecTest {
    private static final String EC_PUBLIC = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"";
    /** RFC 7517 Appendix A.2: the same key with its private part. */
    private static final String EC_PRIVATE = EC_PUBLIC + ",\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"";

    private String t;

    @BeforeAll
    void tenant() {
        t = "regerr-" + UUID.randomUUID().toString().substring(0, 8);
        createTenant(t);
    }

    private long clientCount() {
        return server.tessera.database().jdbc().queryOne("SELECT COUNT(*) FROM clients WHERE tenant_id = ?",
                rs -> rs.getLong(1), t).orElseThrow();
    }

    private Http.Response attempt(String json) {
        return http.post("/t/" + t + "/register").bearer(adminToken()).json(json).send();
    }

    private void expectRejected(String json, String error) {
        long before = clientCount();
        Http.Response r = attempt(json).expectStatus(400).expectError(error);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.string("error_description")).isNotBlank();
        assertThat(clientCount()).as("nothing registered").isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // grant types the server does not handle, or malformed
            "{\"grant_types\":[\"password\"]}",
            "{\"grant_types\":[\"implicit\"]}",
            "{\"grant_types\":[\"urn:example:unknown\"]}",
            "{\"grant_types\":[\"client_credentials\",\"password\"]}",
            "{\"grant_types\":\"client_credentials\"}",
            "{\"grant_types\":[42]}",
            // authentication methods
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"magic\"}",
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"client_secret_jwt\"}",
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"none\"}",
            // keys
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"jwks\":{\"keys\":[" + EC_PUBLIC + "}]},\"jwks_uri\":\"https://client.example.com/jwks\"}",
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"jwks\":{\"keys\":[" + EC_PRIVATE + "}]}}",
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"jwks\":{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA\"}]}}",
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"jwks\":{\"keys\":\"not-a-list\"}}",
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"jwks\":\"{}\"}",
            "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                    + "\"jwks_uri\":\"http://client.example.com/jwks\"}",
            // Tessera's members
            "{\"grant_types\":[\"client_credentials\"],\"consent_required\":\"yes\"}",
            "{\"grant_types\":[\"client_credentials\"],\"consent_required\":\"true\"}",
            "{\"grant_types\":[\"client_credentials\"],\"consent_required\":1}",
            "{\"grant_types\":[\"client_credentials\"],\"access_token_format\":\"paseto\"}",
            "{\"grant_types\":[\"client_credentials\"],\"access_token_format\":\"JWT\"}",
            "{\"grant_types\":[\"client_credentials\"],\"access_token_format\":1}",
            "{\"grant_types\":[\"client_credentials\"],\"access_token_format\":true}",
            // other standard members of the wrong type or value
            "{\"grant_types\":[\"client_credentials\"],\"scope\":42}",
            "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read \\\"quoted\\\"\"}",
            "{\"grant_types\":[\"client_credentials\"],\"response_types\":[\"token\"]}",
            "{\"grant_types\":[\"client_credentials\"],\"dpop_bound_access_tokens\":\"yes\"}",
            "{\"grant_types\":[\"client_credentials\"],\"tls_client_certificate_bound_access_tokens\":1}",
            "{\"grant_types\":[\"client_credentials\"],\"client_name\":42}"})
    @DisplayName("RFC 7591 §3.2.2: invalid metadata → 400 invalid_client_metadata, nothing registered")
    void invalidMetadata_isRejected(String json) {
        expectRejected(json, "invalid_client_metadata");
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: a public client (none) with the client_credentials grant → 400 invalid_client_metadata")
    void publicClientCredentialsClient_isRejected() {
        expectRejected("{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"none\","
                + "\"scope\":\"read\"}", "invalid_client_metadata");
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: private_key_jwt without jwks or jwks_uri → 400 invalid_client_metadata")
    void privateKeyJwtWithoutKeys_isRejected() {
        expectRejected("{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}",
                "invalid_client_metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example.com/cb#fragment",
            "/relative/callback",
            "callback",
            "http://app.example.com/cb",
            "http://192.168.1.10/cb",
            "javascript:alert(1)",
            "data:text/html,hello",
            "https:///no-host"})
    @DisplayName("RFC 7591 §3.2.2 / RFC 6749 §3.1.2: an invalid redirect URI → 400 invalid_redirect_uri, nothing registered")
    void invalidRedirectUri_isRejected(String uri) {
        expectRejected("{\"grant_types\":[\"client_credentials\"],\"redirect_uris\":[\"https://ok.example.com/cb\",\""
                + uri + "\"]}", "invalid_redirect_uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/cb", "http://[::1]/cb", "http://localhost:3000/cb",
            "https://app.example.com/cb?x=1", "com.example.app:/oauth2redirect"})
    @DisplayName("RFC 8252 §7 / RFC 6749 §3.1.2: https, loopback http and private-use schemes are valid redirect URIs")
    void validRedirectUri_isAccepted(String uri) {
        attempt("{\"grant_types\":[\"client_credentials\"],\"redirect_uris\":[\"" + uri + "\"]}").expectStatus(201);
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: redirect_uris that is not an array of strings → 400 (invalid_redirect_uri or metadata)")
    void redirectUrisOfWrongType_isRejected() {
        for (String json : new String[] {"{\"grant_types\":[\"client_credentials\"],\"redirect_uris\":\"https://a.example/cb\"}",
                "{\"grant_types\":[\"client_credentials\"],\"redirect_uris\":[42]}"}) {
            long before = clientCount();
            Http.Response r = attempt(json).expectStatus(400);
            assertThat(r.string("error")).isIn("invalid_redirect_uri", "invalid_client_metadata");
            assertThat(clientCount()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "[{\"grant_types\":[\"client_credentials\"]}]", "{\"grant_types\":", "null", "42"})
    @DisplayName("RFC 7591 §3.1: a body that is not one JSON object → 400, nothing registered")
    void nonObjectBody_isRejected(String body) {
        long before = clientCount();
        Http.Response r = attempt(body).expectStatus(400);
        assertThat(r.string("error")).isIn("invalid_request", "invalid_client_metadata");
        assertThat(clientCount()).isEqualTo(before);
    }
}
