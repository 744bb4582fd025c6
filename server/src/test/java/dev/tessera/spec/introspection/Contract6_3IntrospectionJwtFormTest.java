package dev.tessera.spec.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The introspection answer existing phantom-token gateway plugins expect: {@code Accept: application/jwt}
 * → the token's JWT form as the body, or 204. Spec: CONTRACT §6.3; RFC 7662 §2.
 */
@Tag("contract6")
@Tag("rfc7662")
class Contract6_3IntrospectionJwtFormTest extends TokenSpecTest {
    private static final String JWT = "application/jwt";

    private Http.Response introspect(String tenant, RegisteredClient caller, String token, String accept) {
        return http.post("/t/" + tenant + "/introspect").basicAuth(caller.clientId(), caller.clientSecret())
                .header("Accept", accept).form("token", token).send();
    }

    @Test
    @DisplayName("CONTRACT §6.3: an active opaque token → 200, Content-Type application/jwt, the body a JWT that verifies with the tenant JWKS")
    void activeToken_is200WithItsJwtForm() {
        String t = freshTenant("jf");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = introspect(t, c, clientCredentialsToken(t, c, "scope", "read"), JWT).expectStatus(200);
        assertThat(r.header("Content-Type")).isEqualTo(JWT);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(verifiedJwt(t, r.body()).getHeader().getType()).hasToString("at+jwt");
    }

    @Test
    @DisplayName("CONTRACT §6.3: the JWT form has the claims JSON introspection reports (exp no later)")
    void jwtForm_hasTheIntrospectedClaims() throws Exception {
        String t = freshTenant("jf");
        RegisteredClient owner = serviceClient(t, "opaque");
        RegisteredClient caller = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, owner, "scope", "read write");
        Map<String, Object> json = introspection(t, caller, token);
        JWTClaimsSet claims = verifiedJwt(t, introspect(t, caller, token, JWT).expectStatus(200).body()).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(json.get("iss"));
        assertThat(claims.getSubject()).isEqualTo(json.get("sub"));
        assertThat(claims.getStringClaim("scope")).isEqualTo(json.get("scope"));
        assertThat(claims.getStringClaim("client_id")).isEqualTo(json.get("client_id")).isEqualTo(owner.clientId());
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo(json.get("tenant_id"));
        assertThat(claims.getAudience()).isEqualTo(json.get("aud"));
        assertThat(claims.getJWTID()).isEqualTo(json.get("jti"));
        assertThat(claims.getExpirationTime().getTime() / 1000).isLessThanOrEqualTo(((Number) json.get("exp")).longValue());
    }

    @Test
    @DisplayName("CONTRACT §6.3, §6.1: introspection and forward-auth hand out the same JWT form (signed once)")
    void jwtForm_isTheOneForwardAuthUses() {
        String t = freshTenant("jf");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        String viaIntrospection = introspect(t, c, token, JWT).expectStatus(200).body();
        assertThat(introspect(t, c, token, JWT).body()).isEqualTo(viaIntrospection);
        assertThat(http.get("/t/" + t + "/forward-auth").bearer(token).send().expectStatus(200).header("Authorization"))
                .isEqualTo("Bearer " + viaIntrospection);
    }

    @Test
    @DisplayName("CONTRACT §6.3: an inactive token (unknown, garbage, expired, revoked, another tenant's) → 204 without a body")
    void inactiveToken_is204() {
        String t = freshTenant("jf", "\"accessTokenTtlSeconds\":30");
        String other = freshTenant("jf");
        RegisteredClient c = serviceClient(t, "opaque");
        String revoked = clientCredentialsToken(t, c);
        revoke(t, c, revoked).expectStatus(200);
        String expiring = clientCredentialsToken(t, c);
        String foreign = clientCredentialsToken(other, serviceClient(other, "opaque"));
        server.clock.advance(Duration.ofSeconds(30));
        for (String token : List.of("A".repeat(43), "garbage", "a.b.c", revoked, expiring, foreign)) {
            Http.Response r = introspect(t, c, token, JWT);
            assertThat(r.status()).as("status for %s", token).isEqualTo(204);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    @DisplayName("CONTRACT §6.3: an active JWT access token is its own JWT form")
    void jwtAccessToken_isItsOwnForm() {
        String t = freshTenant("jf");
        RegisteredClient c = serviceClient(t, "jwt");
        String jwt = clientCredentialsToken(t, c);
        assertThat(introspect(t, c, jwt, JWT).expectStatus(200).body()).isEqualTo(jwt);
        revoke(t, c, jwt).expectStatus(200);
        introspect(t, c, jwt, JWT).expectStatus(204);
    }

    @Test
    @DisplayName("CONTRACT §6.3: application/jwt is recognised with parameters and in a list")
    void acceptVariants_areRecognised() {
        String t = freshTenant("jf");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        for (String accept : List.of("application/jwt; charset=utf-8", "text/html, Application/JWT;q=0.9", " application/jwt ")) {
            Http.Response r = introspect(t, c, token, accept);
            assertThat(r.status()).as(accept).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(accept).isEqualTo(JWT);
        }
    }

    @Test
    @DisplayName("CONTRACT §6.3 + RFC 7662 §2.2, RFC 9701 §4: only application/jwt gets the JWT form; JSON and the RFC 9701 response stay as they were")
    void otherAnswers_areUnchanged() {
        String t = freshTenant("jf");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        assertThat(introspect(t, c, token, JWT).expectStatus(200).header("Content-Type")).isEqualTo(JWT);
        for (String accept : List.of("application/json", "*/*")) {
            Http.Response r = introspect(t, c, token, accept).expectStatus(200);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.json()).containsEntry("active", true);
        }
        assertThat(introspect(t, c, "garbage", "application/json").expectStatus(200).json()).isEqualTo(Map.of("active", false));
        Http.Response signed = introspect(t, c, token, "application/token-introspection+jwt").expectStatus(200);
        assertThat(signed.header("Content-Type")).startsWith("application/token-introspection+jwt");
        signed = introspect(t, c, token, "application/jwt, application/token-introspection+jwt").expectStatus(200);
        assertThat(signed.header("Content-Type")).startsWith("application/token-introspection+jwt");
    }

    @Test
    @DisplayName("CONTRACT §6.3 + RFC 7662 §2.1: the JWT form needs client authentication → 401 invalid_client without it")
    void clientAuthentication_isStillRequired() {
        String t = freshTenant("jf");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        assertThat(introspect(t, c, token, JWT).expectStatus(200).header("Content-Type")).isEqualTo(JWT);
        http.post("/t/" + t + "/introspect").header("Accept", JWT).form("token", token).send()
                .expectStatus(401).expectError("invalid_client");
    }
}
