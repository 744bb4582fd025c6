package dev.tessera.spec.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.server.Extensions;
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import dev.tessera.token.CustomClaims;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A claim source is one {@code ClaimsCustomizer}: its claims travel with the token in every form, the
 * JWT access token, the stored opaque token read back by introspection (JSON and RFC 9701 JWT), and
 * the phantom token's JWT form at forward-auth. Spec: RFC 9068 §2.2.3; RFC 7662 §2.2; CONTRACT §6.1.
 */
@Tag("rfc9068")
class Rfc9068Section2_2_3CustomClaimsTest extends SpecTest {
    private static final String T = "claims";

    @Override
    protected Extensions serverExtensions() {
        // a business-data source: the department of the client, and the scope-derived groups
        return new Extensions(List.of((request, claims) -> {
            claims.put("department", "sales-" + request.tenant().value());
            claims.put("groups", List.of("g-" + request.scope().toString().replace(' ', '-')));
            claims.put("limits", Map.of("orders", 10L));
        }));
    }

    private SpecTest.RegisteredClient client(String format) {
        createTenant(T);
        return serviceClient(T, format);
    }

    private static void assertCustomClaims(Map<String, Object> claims) {
        assertThat(claims.get("department")).isEqualTo("sales-" + T);
        assertThat(claims.get("groups")).isEqualTo(List.of("g-read"));
        assertThat(claims.get("limits")).isEqualTo(Map.of("orders", 10L));
    }

    @Test
    @DisplayName("RFC 9068 §2.2.3: a customizer's claims are in the JWT access token, beside Tessera's own")
    void jwtAccessToken_carriesCustomClaims() throws Exception {
        var c = client("jwt");
        JWTClaimsSet claims = SignedJWT.parse(clientCredentialsToken(T, c, "scope", "read")).getJWTClaimsSet();
        assertCustomClaims(claims.getClaims());
        assertThat(claims.getSubject()).isEqualTo(c.clientId());
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo(T);
    }

    @Test
    @DisplayName("RFC 7662 §2.2: an opaque token's custom claims are stored with it and answered by introspection, JSON and JWT")
    void opaqueToken_introspectsWithCustomClaims() throws Exception {
        var c = client("opaque");
        String token = clientCredentialsToken(T, c, "scope", "read");
        assertThat(token).doesNotContain(".");
        Map<String, Object> json = http.post("/t/" + T + "/introspect").basicAuth(c.clientId(), c.clientSecret())
                .form("token", token).send().expectStatus(200).json();
        assertThat(json.get("active")).isEqualTo(true);
        assertCustomClaims(json);
        String jwt = http.post("/t/" + T + "/introspect").basicAuth(c.clientId(), c.clientSecret())
                .header("Accept", "application/token-introspection+jwt").form("token", token).send().expectStatus(200).body();
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) SignedJWT.parse(jwt).getJWTClaimsSet().getClaim("token_introspection");
        assertCustomClaims(inner);
    }

    @Test
    @DisplayName("CONTRACT §6.1: the phantom token's JWT form carries the opaque token's custom claims")
    void forwardAuth_jwtFormCarriesCustomClaims() throws Exception {
        var c = client("opaque");
        String token = clientCredentialsToken(T, c, "scope", "read");
        Http.Response r = http.get("/t/" + T + "/forward-auth").bearer(token).send().expectStatus(200);
        String jwt = r.header("Authorization").substring("Bearer ".length());
        assertCustomClaims(SignedJWT.parse(jwt).getJWTClaimsSet().getClaims());
    }

    @Test
    @DisplayName("RFC 9068 §2.2: a customizer cannot replace Tessera's claims, nor add values that are not JSON")
    void reservedNames_andNonJsonValues_areRefused() {
        CustomClaims.Builder b = new CustomClaims.Builder();
        for (String reserved : List.of("sub", "iss", "aud", "exp", "scope", "client_id", "tenant_id", "cnf", "act", "jti")) {
            assertThatThrownBy(() -> b.put(reserved, "x")).as(reserved).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> b.put("when", new java.util.Date())).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.put("ok", List.of(1L, "two", Map.of("three", true))).has("ok")).isTrue();
    }
}
