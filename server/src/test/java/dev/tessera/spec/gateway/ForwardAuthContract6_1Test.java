package dev.tessera.spec.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.testing.Http;
import dev.tessera.testing.JwksVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The phantom token swap at forward-auth: which tokens pass, and the JWT a gateway forwards. Spec: CONTRACT §6.1. */
@Tag("contract6")
class ForwardAuthContract6_1Test extends ForwardAuthSpecTest {

    @Test
    @DisplayName("CONTRACT §6.1: an active opaque token → 200 with Authorization: Bearer <JWT> that verifies with the tenant JWKS")
    void activeOpaqueToken_isSwappedForAVerifiableJwt() {
        String t = freshTenant("fa");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = forwardAuth(t, clientCredentialsToken(t, c, "scope", "read")).expectStatus(200);
        String jwt = forwardedJwt(r);
        assertThat(JwksVerifier.verifies(http.get("/t/" + t + "/jwks").send().body(), jwt)).isTrue();
        assertThat(JwksVerifier.parse(jwt).getHeader().getType()).hasToString("at+jwt");
        assertThat(r.body()).isEmpty();
    }

    @Test
    @DisplayName("CONTRACT §6.1: the JWT has the same iss, sub, scope, aud, client_id, tenant_id, jti and iat as introspection reports, exp no later")
    void jwt_hasTheClaimsIntrospectionReports() throws Exception {
        String t = freshTenant("fa");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c, "scope", "read write", "resource", "https://api.example/orders");
        Map<String, Object> in = introspection(t, c, token);
        JWTClaimsSet claims = verifiedJwt(t, forwardedJwt(forwardAuth(t, token))).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(in.get("iss"));
        assertThat(claims.getSubject()).isEqualTo(in.get("sub"));
        assertThat(claims.getStringClaim("scope")).isEqualTo(in.get("scope")).isEqualTo("read write");
        assertThat(claims.getAudience()).isEqualTo(audience(in.get("aud"))).containsExactly("https://api.example/orders");
        assertThat(claims.getStringClaim("client_id")).isEqualTo(in.get("client_id")).isEqualTo(c.clientId());
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo(in.get("tenant_id")).isEqualTo(t);
        assertThat(claims.getJWTID()).isEqualTo(in.get("jti"));
        assertThat(claims.getIssueTime().toInstant().getEpochSecond()).isEqualTo(((Number) in.get("iat")).longValue());
        assertThat(claims.getExpirationTime().toInstant().getEpochSecond()).isLessThanOrEqualTo(((Number) in.get("exp")).longValue());
        assertThat(claims.getClaim("cnf")).isEqualTo(in.get("cnf"));
    }

    private static List<String> audience(Object aud) {
        return aud instanceof String s ? List.of(s) : ((List<?>) aud).stream().map(Object::toString).toList();
    }

    @Test
    @DisplayName("CONTRACT §6.1: any path below {issuer}/forward-auth answers the same (Envoy appends the original path)")
    void pathsBelowTheEndpoint_answerTheSame() {
        String t = freshTenant("fa");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        String expected = forwardedJwt(forwardAuth(t, token));
        for (String suffix : List.of("/", "/api", "/api/orders/42", "/api/orders/42?page=2&sort=asc", "/a/b/c/d/e/f.json")) {
            Http.Response r = http.get(forwardAuthPath(t) + suffix).bearer(token).send();
            assertThat(forwardedJwt(r)).as("JWT for %s", suffix).isEqualTo(expected);
        }
        http.get("/t/" + t + "/forward-authz").bearer(token).send().expectStatus(404);
    }

    @Test
    @DisplayName("CONTRACT §2: discovery lists the endpoint as tessera_forward_auth_endpoint under the issuer")
    void discovery_listsTheEndpoint() {
        String t = freshTenant("fa");
        assertThat(discovery(t)).containsEntry("tessera_forward_auth_endpoint", issuerOf(t) + "/forward-auth");
    }

    @Test
    @DisplayName("CONTRACT §6.1 + RFC 6750 §3.1: no token → 401 with WWW-Authenticate: Bearer realm=\"<issuer>\" and no error")
    void noToken_is401WithoutError() {
        String t = freshTenant("fa");
        Http.Response r = http.get("/t/" + t + "/forward-auth").send().expectStatus(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"" + issuerOf(t) + "\"");
        assertThat(r.header("Authorization")).isNull();
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        http.get("/t/" + t + "/forward-auth").header("Authorization", "Basic YTpi").send().expectStatus(401)
                .expectHeader("WWW-Authenticate", "Bearer realm=\"" + issuerOf(t) + "\"");
        http.get("/t/" + t + "/forward-auth").header("Authorization", "Bearer ").send().expectStatus(401)
                .expectHeader("WWW-Authenticate", "Bearer realm=\"" + issuerOf(t) + "\"");
    }

    @Test
    @DisplayName("CONTRACT §6.1 + RFC 6750 §3.1: unknown and malformed tokens → 401 error=\"invalid_token\"")
    void unknownOrMalformedToken_is401InvalidToken() {
        String t = freshTenant("fa");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        String realm = "Bearer realm=\"" + issuerOf(t) + "\", error=\"invalid_token\"";
        for (String bad : List.of("A".repeat(43), token.substring(1) + "A", "garbage", "a.b.c", token + "x", "x".repeat(9000))) {
            Http.Response r = forwardAuth(t, bad).expectStatus(401).expectError("invalid_token");
            assertThat(r.header("WWW-Authenticate")).as("challenge for %s", bad).isEqualTo(realm);
            assertThat(r.header("Authorization")).isNull();
        }
    }

    @Test
    @DisplayName("CONTRACT §6.1: an expired token → 401 invalid_token")
    void expiredToken_is401() {
        String t = freshTenant("fa", "\"accessTokenTtlSeconds\":60");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        forwardAuth(t, token).expectStatus(200);
        server.clock.advance(Duration.ofSeconds(60));
        forwardAuth(t, token).expectStatus(401).expectError("invalid_token");
    }

    @Test
    @DisplayName("CONTRACT §2, §6.1: another tenant's token (opaque or JWT) → 401 invalid_token")
    void otherTenantsToken_is401() {
        String t = freshTenant("fa");
        String other = freshTenant("fa");
        String opaque = clientCredentialsToken(other, serviceClient(other, "opaque"));
        String jwt = clientCredentialsToken(other, serviceClient(other, "jwt"));
        forwardAuth(other, opaque).expectStatus(200);
        forwardAuth(other, jwt).expectStatus(200);
        forwardAuth(t, opaque).expectStatus(401).expectError("invalid_token");
        forwardAuth(t, jwt).expectStatus(401).expectError("invalid_token");
    }

    @Test
    @DisplayName("CONTRACT §6.1: an active JWT access token of the tenant is forwarded as it is")
    void jwtAccessToken_isForwardedAsItIs() {
        String t = freshTenant("fa");
        RegisteredClient c = serviceClient(t, "jwt");
        String jwt = clientCredentialsToken(t, c, "scope", "read");
        Http.Response r = forwardAuth(t, jwt);
        assertThat(forwardedJwt(r)).isEqualTo(jwt);
        assertThat(maxAge(r)).isEqualTo(30);
    }

    @Test
    @DisplayName("CONTRACT §6.1: a revoked JWT access token → 401 invalid_token at once")
    void revokedJwtAccessToken_is401() {
        String t = freshTenant("fa");
        RegisteredClient c = serviceClient(t, "jwt");
        String jwt = clientCredentialsToken(t, c);
        forwardAuth(t, jwt).expectStatus(200);
        revoke(t, c, jwt).expectStatus(200);
        forwardAuth(t, jwt).expectStatus(401).expectError("invalid_token");
    }

    @Test
    @DisplayName("CONTRACT §2: an unknown tenant → 404 not_found (a gateway configured for an issuer that does not exist)")
    void unknownTenant_is404() {
        String t = freshTenant("fa");
        http.get("/t/" + t + "/forward-auth").bearer("A".repeat(43)).send().expectStatus(401);
        http.get("/t/no-such-tenant/forward-auth").bearer("A".repeat(43)).send().expectStatus(404).expectError("not_found");
        http.get("/t/Bad_Id/forward-auth/x").send().expectStatus(404).expectError("not_found");
        http.delete("/admin/v1/tenants/" + t).bearer(adminToken()).send().expectStatus(204);
        http.get("/t/" + t + "/forward-auth").bearer("A".repeat(43)).send().expectStatus(404).expectError("not_found");
    }
}
