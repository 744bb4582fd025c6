package dev.tessera.spec.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 6749 §4.4 client credentials grant, with the scope rules of §3.3 and CONTRACT §3. */
@Tag("rfc6749")
class Rfc6749Section4_4ClientCredentialsTest extends TokenSpecTest {

    @Test
    @DisplayName("RFC 6749 §4.4.3: success is 200 JSON with a Bearer access_token, expires_in = tenant TTL, no refresh_token")
    void successResponse_hasBearerTokenTenantTtlAndNoRefreshToken() {
        String t = freshTenant("cc", "\"accessTokenTtlSeconds\":123");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = token(t, c, "grant_type", "client_credentials", "scope", "read").expectStatus(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).containsEntry("token_type", "Bearer").containsEntry("expires_in", 123L)
                .containsEntry("scope", "read").doesNotContainKey("refresh_token").doesNotContainKey("id_token");
        assertThat(r.string("access_token")).isNotBlank();
    }

    @Test
    @DisplayName("RFC 6749 §4.4.3: expires_in follows the tenant's accessTokenTtlSeconds for JWT access tokens too")
    void expiresIn_followsTenantTtl_forJwt() {
        String t = freshTenant("cc", "\"accessTokenTtlSeconds\":77");
        RegisteredClient c = serviceClient(t, "jwt");
        Http.Response r = token(t, c, "grant_type", "client_credentials").expectStatus(200);
        assertThat(r.json()).containsEntry("expires_in", 77L).containsEntry("token_type", "Bearer")
                .doesNotContainKey("refresh_token");
    }

    @Test
    @DisplayName("RFC 6749 §5.1: a successful token response carries Cache-Control: no-store and Pragma: no-cache")
    void successResponse_isNotCacheable() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        token(t, c, "grant_type", "client_credentials").expectStatus(200)
                .expectHeader("Cache-Control", "no-store").expectHeader("Pragma", "no-cache");
    }

    @Test
    @DisplayName("RFC 6749 §3.3: a scope within the client's registered scope is granted exactly as requested")
    void requestedScopeWithinRegistered_isGranted() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = token(t, c, "grant_type", "client_credentials", "scope", "write").expectStatus(200);
        assertThat(r.string("scope")).isEqualTo("write");
        assertThat(introspection(t, c, r.string("access_token"))).containsEntry("scope", "write");
    }

    @Test
    @DisplayName("RFC 6749 §3.3: several registered scopes may be requested together")
    void severalRegisteredScopes_areGranted() {
        String t = freshTenant("cc");
        RegisteredClient c = register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"a b c\"}");
        Http.Response r = token(t, c, "grant_type", "client_credentials", "scope", "c a").expectStatus(200);
        assertThat(Arrays.asList(r.string("scope").split(" "))).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    @DisplayName("RFC 6749 §3.3: with no scope requested, every registered scope is granted")
    void noScopeRequested_grantsAllRegistered() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = token(t, c, "grant_type", "client_credentials").expectStatus(200);
        assertThat(Arrays.asList(r.string("scope").split(" "))).containsExactlyInAnyOrder("read", "write");
        String introspected = (String) introspection(t, c, r.string("access_token")).get("scope");
        assertThat(Arrays.asList(introspected.split(" "))).containsExactlyInAnyOrder("read", "write");
    }

    @Test
    @DisplayName("RFC 6749 §3.3: an empty scope parameter counts as no scope requested")
    void emptyScopeParameter_grantsAllRegistered() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = token(t, c, "grant_type", "client_credentials", "scope", "").expectStatus(200);
        assertThat(Arrays.asList(r.string("scope").split(" "))).containsExactlyInAnyOrder("read", "write");
    }

    @Test
    @DisplayName("RFC 6749 §5.2: a scope outside the registered scope → 400 invalid_scope, no token")
    void scopeOutsideRegistered_isInvalidScope() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = token(t, c, "grant_type", "client_credentials", "scope", "read admin")
                .expectStatus(400).expectError("invalid_scope")
                .expectHeader("Cache-Control", "no-store").expectHeader("Pragma", "no-cache");
        assertThat(r.json()).doesNotContainKey("access_token");
        assertThat(rows("access_tokens")).noneMatch(row -> t.equals(row.get("tenant_id")));
    }

    @Test
    @DisplayName("RFC 6749 §3.3: a client registered without scope may not request one → 400 invalid_scope")
    void clientWithoutRegisteredScope_cannotRequestOne() {
        String t = freshTenant("cc");
        RegisteredClient c = register(t, "{\"grant_types\":[\"client_credentials\"]}");
        token(t, c, "grant_type", "client_credentials", "scope", "read").expectStatus(400).expectError("invalid_scope");
        Http.Response ok = token(t, c, "grant_type", "client_credentials").expectStatus(200);
        assertThat(ok.json()).doesNotContainKey("scope");
    }

    @Test
    @DisplayName("RFC 6749 §3.3: scope matching is exact (case-sensitive, no prefix match)")
    void scopeMatching_isExact() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        token(t, c, "grant_type", "client_credentials", "scope", "READ").expectStatus(400).expectError("invalid_scope");
        token(t, c, "grant_type", "client_credentials", "scope", "rea").expectStatus(400).expectError("invalid_scope");
    }

    @Test
    @DisplayName("RFC 6749 §4.4: client_credentials is for confidential clients; a public client cannot register for it")
    void publicClient_cannotRegisterForClientCredentials() {
        String t = freshTenant("cc");
        http.post("/t/" + t + "/register").bearer(adminToken())
                .json("{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"none\"}")
                .send().expectStatus(400).expectError("invalid_client_metadata");
    }

    @Test
    @DisplayName("RFC 6749 §4.4: a public client (auth method none) cannot obtain a client_credentials token")
    void publicClient_cannotUseClientCredentials() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        // Registration refuses this combination, so make the stored client public behind its back.
        rewriteStoredClient(t, c.clientId(), "\"client_secret_basic\"", "\"none\"", true);
        Http.Response r = http.post("/t/" + t + "/token")
                .form("grant_type", "client_credentials", "client_id", c.clientId()).send()
                .expectStatus(401).expectError("invalid_client").expectHeader("Cache-Control", "no-store");
        assertThat(r.json()).doesNotContainKey("access_token");
    }

    @Test
    @DisplayName("RFC 6749 §4.4.2: a confidential client sending only its client_id is not authenticated → 401")
    void confidentialClientWithoutSecret_isRejected() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        http.post("/t/" + t + "/token").form("grant_type", "client_credentials", "client_id", c.clientId()).send()
                .expectStatus(401).expectError("invalid_client");
    }

    @Test
    @DisplayName("RFC 6749 §3.2: unrecognized request parameters are ignored")
    void unrecognizedParameters_areIgnored() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = token(t, c, "grant_type", "client_credentials", "scope", "read", "foo", "bar",
                "redirect_uri", "https://client.example.com/cb").expectStatus(200);
        assertThat(r.json()).containsEntry("scope", "read").doesNotContainKey("foo");
    }

    @Test
    @DisplayName("RFC 6749 §4.4.3: each request yields a new, distinct access token")
    void eachRequest_yieldsDistinctToken() {
        String t = freshTenant("cc");
        RegisteredClient c = serviceClient(t, "opaque");
        String a = clientCredentialsToken(t, c);
        String b = clientCredentialsToken(t, c);
        assertThat(a).isNotEqualTo(b);
        assertThat(introspection(t, c, a)).containsEntry("active", true);
        assertThat(introspection(t, c, b)).containsEntry("active", true);
    }
}
