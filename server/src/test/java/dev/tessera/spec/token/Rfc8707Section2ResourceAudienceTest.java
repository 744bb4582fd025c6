package dev.tessera.spec.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 8707 §2 {@code resource} and RFC 8693 §2.1 {@code audience} at the token endpoint: the values
 * become the access token's {@code aud}; without them the tenant's default audience (CONTRACT §3).
 */
@Tag("rfc8707")
@Tag("rfc8693")
class Rfc8707Section2ResourceAudienceTest extends TokenSpecTest {

    private List<String> jwtAudience(String tenant, String token) {
        try {
            SignedJWT jwt = verifiedJwt(tenant, token);
            return jwt.getJWTClaimsSet().getAudience();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> introspectedAudience(String tenant, RegisteredClient c, String token) {
        Map<String, Object> body = introspection(tenant, c, token);
        assertThat(body).containsEntry("active", true);
        Object aud = body.get("aud");
        return aud instanceof String s ? List.of(s) : (List<String>) aud;
    }

    @Test
    @DisplayName("RFC 8707 §2: a resource value becomes the aud of a JWT access token")
    void resource_becomesJwtAudience() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c, "resource", "https://api.example.com/orders");
        assertThat(jwtAudience(t, token)).containsExactly("https://api.example.com/orders");
    }

    @Test
    @DisplayName("RFC 8707 §2: several resource parameters are allowed and all land in aud")
    void severalResources_allBecomeAudience() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c, "resource", "https://a.example.com/", "resource", "urn:example:b");
        assertThat(jwtAudience(t, token)).containsExactlyInAnyOrder("https://a.example.com/", "urn:example:b");
    }

    @Test
    @DisplayName("RFC 8693 §2.1: an audience value becomes the aud of a JWT access token")
    void audience_becomesJwtAudience() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c, "audience", "orders-service");
        assertThat(jwtAudience(t, token)).containsExactly("orders-service");
    }

    @Test
    @DisplayName("RFC 8707 §2 + RFC 8693 §2.1: resource and audience values together all land in aud")
    void resourceAndAudience_bothBecomeAudience() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c, "resource", "https://r.example.com", "audience", "svc-a",
                "audience", "svc-b");
        assertThat(jwtAudience(t, token)).containsExactlyInAnyOrder("https://r.example.com", "svc-a", "svc-b");
    }

    @Test
    @DisplayName("RFC 8707 §2: the resource of an opaque access token shows as aud in introspection")
    void resource_becomesOpaqueAudienceViaIntrospection() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c, "resource", "https://api.example.com/", "audience", "svc-x");
        assertThat(introspectedAudience(t, c, token)).containsExactlyInAnyOrder("https://api.example.com/", "svc-x");
    }

    @Test
    @DisplayName("CONTRACT §3: with no resource or audience, a JWT's aud is the tenant issuer")
    void noTarget_defaultsToIssuer_forJwt() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        assertThat(jwtAudience(t, clientCredentialsToken(t, c))).containsExactly(issuerOf(t));
    }

    @Test
    @DisplayName("CONTRACT §3: with no resource or audience, an opaque token's aud is the tenant issuer")
    void noTarget_defaultsToIssuer_forOpaque() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "opaque");
        assertThat(introspectedAudience(t, c, clientCredentialsToken(t, c))).containsExactly(issuerOf(t));
    }

    @Test
    @DisplayName("CONTRACT §3: the tenant's defaultAudience setting replaces the issuer as default aud")
    void tenantDefaultAudience_isUsed() {
        String t = freshTenant("aud", "\"defaultAudience\":\"https://default.example.com\"");
        RegisteredClient jwtClient = serviceClient(t, "jwt");
        RegisteredClient opaqueClient = serviceClient(t, "opaque");
        assertThat(jwtAudience(t, clientCredentialsToken(t, jwtClient))).containsExactly("https://default.example.com");
        assertThat(introspectedAudience(t, opaqueClient, clientCredentialsToken(t, opaqueClient)))
                .containsExactly("https://default.example.com");
    }

    @Test
    @DisplayName("RFC 8707 §2: a requested resource overrides the tenant's defaultAudience")
    void requestedResource_overridesDefaultAudience() {
        String t = freshTenant("aud", "\"defaultAudience\":\"https://default.example.com\"");
        RegisteredClient c = serviceClient(t, "jwt");
        assertThat(jwtAudience(t, clientCredentialsToken(t, c, "resource", "https://x.example.com")))
                .containsExactly("https://x.example.com");
    }

    private void expectInvalidTarget(Http.Response r) {
        r.expectStatus(400).expectError("invalid_target").expectHeader("Cache-Control", "no-store")
                .expectHeader("Pragma", "no-cache");
        assertThat(r.json()).doesNotContainKey("access_token");
    }

    @Test
    @DisplayName("RFC 8707 §2: a relative resource → 400 invalid_target")
    void relativeResource_isInvalidTarget() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        expectInvalidTarget(token(t, c, "grant_type", "client_credentials", "resource", "/orders"));
        expectInvalidTarget(token(t, c, "grant_type", "client_credentials", "resource", "api.example.com"));
    }

    @Test
    @DisplayName("RFC 8707 §2: a resource with a fragment → 400 invalid_target")
    void resourceWithFragment_isInvalidTarget() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        expectInvalidTarget(token(t, c, "grant_type", "client_credentials", "resource", "https://api.example.com/#frag"));
        expectInvalidTarget(token(t, c, "grant_type", "client_credentials", "resource", "https://api.example.com/#"));
    }

    @Test
    @DisplayName("RFC 8707 §2: a resource that is not a URI at all → 400 invalid_target")
    void malformedResource_isInvalidTarget() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        expectInvalidTarget(token(t, c, "grant_type", "client_credentials", "resource", "https://exa mple.com/"));
        expectInvalidTarget(token(t, c, "grant_type", "client_credentials", "resource", "http://[::1"));
    }

    @Test
    @DisplayName("RFC 6749 §3.2: empty resource and audience parameters are treated as omitted (default aud)")
    void emptyResourceAndAudience_areTreatedAsOmitted() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = token(t, c, "grant_type", "client_credentials", "resource", "", "audience", "")
                .expectStatus(200).string("access_token");
        assertThat(jwtAudience(t, token)).containsExactly(issuerOf(t));
    }

    @Test
    @DisplayName("RFC 8707 §2: one bad resource among good ones still → 400 invalid_target, no token stored")
    void oneBadResource_failsTheRequest() {
        String t = freshTenant("aud");
        RegisteredClient c = serviceClient(t, "opaque");
        expectInvalidTarget(token(t, c, "grant_type", "client_credentials", "resource", "https://ok.example.com",
                "resource", "relative/path"));
        assertThat(rows("access_tokens")).noneMatch(row -> t.equals(row.get("tenant_id")));
    }
}
