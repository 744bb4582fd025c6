package dev.tessera.spec.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.token.TokenSpecTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7662 §2.2: the introspection response — full members for an active token of this tenant,
 * exactly {@code {"active":false}} for anything else (CONTRACT §2: tenants are isolated).
 */
@Tag("rfc7662")
class Rfc7662Section2_2IntrospectionResponseTest extends TokenSpecTest {
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    @Test
    @DisplayName("RFC 7662 §2.2: an active opaque token → active, iss, client_id, sub, aud, scope, exp, iat, token_type, tenant_id")
    void activeOpaqueToken_hasAllMembers() {
        String t = freshTenant("isp", "\"accessTokenTtlSeconds\":600");
        RegisteredClient c = serviceClient(t, "opaque");
        long now = server.clock.instant().getEpochSecond();
        String token = clientCredentialsToken(t, c, "scope", "read", "resource", "https://api.example.com/");
        Map<String, Object> r = introspection(t, c, token);
        assertThat(r).containsEntry("active", true)
                .containsEntry("iss", issuerOf(t))
                .containsEntry("client_id", c.clientId())
                .containsEntry("sub", c.clientId())
                .containsEntry("scope", "read")
                .containsEntry("token_type", "Bearer")
                .containsEntry("tenant_id", t)
                .containsEntry("iat", now)
                .containsEntry("exp", now + 600);
        Object aud = r.get("aud");
        assertThat(aud instanceof String s ? List.of(s) : aud).isEqualTo(List.of("https://api.example.com/"));
    }

    @Test
    @DisplayName("RFC 7662 §2.2: an active JWT access token introspects with the same members as its claims")
    void activeJwtToken_hasAllMembers() throws Exception {
        String t = freshTenant("isp");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c, "scope", "write", "audience", "svc");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        Map<String, Object> r = introspection(t, c, token);
        assertThat(r).containsEntry("active", true)
                .containsEntry("iss", claims.getIssuer())
                .containsEntry("client_id", c.clientId())
                .containsEntry("sub", claims.getSubject())
                .containsEntry("scope", "write")
                .containsEntry("token_type", "Bearer")
                .containsEntry("tenant_id", t)
                .containsEntry("iat", claims.getIssueTime().toInstant().getEpochSecond())
                .containsEntry("exp", claims.getExpirationTime().toInstant().getEpochSecond());
        Object aud = r.get("aud");
        assertThat(aud instanceof String s ? List.of(s) : aud).isEqualTo(List.of("svc"));
    }

    @Test
    @DisplayName("RFC 7662 §2.2: any authenticated client of the tenant may introspect (a resource server's view)")
    void otherClientOfTenant_seesActiveToken() {
        String t = freshTenant("isp");
        RegisteredClient owner = serviceClient(t, "opaque");
        RegisteredClient resourceServer = serviceClient(t, "opaque");
        assertThat(introspection(t, resourceServer, clientCredentialsToken(t, owner)))
                .containsEntry("active", true).containsEntry("client_id", owner.clientId());
    }

    @Test
    @DisplayName("RFC 7662 §2.2: an unknown token of the opaque shape → exactly {\"active\":false}")
    void unknownOpaqueToken_isInactive() {
        String t = freshTenant("isp");
        RegisteredClient c = serviceClient(t, "opaque");
        assertThat(introspection(t, c, "A".repeat(43))).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("RFC 7662 §2.2: garbage tokens (random text, truncated JWT, huge value) → exactly {\"active\":false}")
    void garbage_isInactive() {
        String t = freshTenant("isp");
        RegisteredClient c = serviceClient(t, "jwt");
        String jwt = clientCredentialsToken(t, c);
        for (String garbage : List.of("x", "not a token at all", "a.b.c", "eyJhbGciOiJub25lIn0.e30.",
                jwt.substring(0, jwt.length() - 5), jwt + "x", "é€\u00ff", "x".repeat(9000))) {
            assertThat(introspection(t, c, garbage)).as("introspection of %s", garbage.length() > 40
                    ? garbage.substring(0, 40) + "…" : garbage).isEqualTo(INACTIVE);
        }
    }

    @Test
    @DisplayName("RFC 7662 §2.2: an expired opaque token → exactly {\"active\":false}")
    void expiredOpaqueToken_isInactive() {
        String t = freshTenant("isp", "\"accessTokenTtlSeconds\":60");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        assertThat(introspection(t, c, token)).containsEntry("active", true);
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(introspection(t, c, token)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("RFC 7662 §2.2: an expired JWT access token → exactly {\"active\":false}")
    void expiredJwtToken_isInactive() {
        String t = freshTenant("isp", "\"accessTokenTtlSeconds\":60");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c);
        assertThat(introspection(t, c, token)).containsEntry("active", true);
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(introspection(t, c, token)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("RFC 7662 §2.2: a token is active up to its exp and not at it")
    void expiryBoundary_isExact() {
        String t = freshTenant("isp", "\"accessTokenTtlSeconds\":30");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        server.clock.advance(Duration.ofSeconds(29));
        assertThat(introspection(t, c, token)).containsEntry("active", true);
        server.clock.advance(Duration.ofSeconds(1));
        assertThat(introspection(t, c, token)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("RFC 7662 §2.2: revoked opaque and JWT tokens → exactly {\"active\":false}")
    void revokedTokens_areInactive() {
        String t = freshTenant("isp");
        RegisteredClient o = serviceClient(t, "opaque");
        RegisteredClient j = serviceClient(t, "jwt");
        String opaque = clientCredentialsToken(t, o);
        String jwt = clientCredentialsToken(t, j);
        assertThat(introspection(t, o, opaque)).containsEntry("active", true);
        assertThat(introspection(t, j, jwt)).containsEntry("active", true);
        revoke(t, o, opaque).expectStatus(200);
        revoke(t, j, jwt).expectStatus(200);
        assertThat(introspection(t, o, opaque)).isEqualTo(INACTIVE);
        assertThat(introspection(t, j, jwt)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("RFC 7662 §2.2: a JWT access token signed before a key rotation stays active until it expires")
    void jwtSignedBeforeRotation_staysActive() {
        String t = freshTenant("isp");
        RegisteredClient c = serviceClient(t, "jwt");
        String before = clientCredentialsToken(t, c);
        http.post("/admin/v1/tenants/" + t + "/keys/rotate").bearer(adminToken()).send().expectStatus(204);
        assertThat(introspection(t, c, before)).containsEntry("active", true);
        String after = clientCredentialsToken(t, c);
        assertThat(introspection(t, c, after)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 9068 §4: a JWT with a valid tenant signature but typ other than at+jwt is not an active token")
    void jwtWithoutAtJwtType_isInactive() {
        String t = freshTenant("isp");
        RegisteredClient c = serviceClient(t, "opaque");
        String signedByTenant = http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), c.clientSecret())
                .header("Accept", "application/token-introspection+jwt").form("token", clientCredentialsToken(t, c))
                .send().expectStatus(200).body();
        verifiedJwt(t, signedByTenant);
        assertThat(introspection(t, c, signedByTenant)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("CONTRACT §2: an opaque token of tenant A introspected at tenant B → {\"active\":false}")
    void opaqueTokenOfOtherTenant_isInactive() {
        String a = freshTenant("isp");
        String b = freshTenant("isp");
        RegisteredClient ca = serviceClient(a, "opaque");
        RegisteredClient cb = serviceClient(b, "opaque");
        String token = clientCredentialsToken(a, ca);
        assertThat(introspection(b, cb, token)).isEqualTo(INACTIVE);
        assertThat(introspection(a, ca, token)).containsEntry("active", true);
    }

    @Test
    @DisplayName("CONTRACT §2: a JWT access token of tenant A introspected at tenant B → {\"active\":false}")
    void jwtTokenOfOtherTenant_isInactive() {
        String a = freshTenant("isp");
        String b = freshTenant("isp");
        RegisteredClient ca = serviceClient(a, "jwt");
        RegisteredClient cb = serviceClient(b, "opaque");
        String token = clientCredentialsToken(a, ca);
        assertThat(introspection(b, cb, token)).isEqualTo(INACTIVE);
        assertThat(introspection(a, ca, token)).containsEntry("active", true);
    }

    @Test
    @DisplayName("CONTRACT §2: a token of a deleted tenant is unknown at a new tenant of the same id")
    void tokenOfDeletedTenant_isInactive() {
        String t = freshTenant("isp");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        http.delete("/admin/v1/tenants/" + t).bearer(adminToken()).send().expectStatus(204);
        createTenant(t);
        RegisteredClient fresh = serviceClient(t, "opaque");
        assertThat(introspection(t, fresh, token)).isEqualTo(INACTIVE);
    }
}
