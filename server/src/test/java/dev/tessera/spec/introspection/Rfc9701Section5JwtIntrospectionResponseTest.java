package dev.tessera.spec.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9701 §4–5: the introspection response as a signed JWT when the caller asks for it. */
@Tag("rfc9701")
class Rfc9701Section5JwtIntrospectionResponseTest extends TokenSpecTest {
    private static final String MEDIA_TYPE = "application/token-introspection+jwt";

    private Http.Response introspectAsJwt(String tenant, RegisteredClient caller, String token, String accept) {
        return http.post("/t/" + tenant + "/introspect").basicAuth(caller.clientId(), caller.clientSecret())
                .header("Accept", accept).form("token", token).send();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tokenIntrospection(JWTClaimsSet claims) throws java.text.ParseException {
        Object ti = claims.getJSONObjectClaim("token_introspection");
        assertThat(ti).as("token_introspection claim").isNotNull();
        return (Map<String, Object>) ti;
    }

    @Test
    @DisplayName("RFC 9701 §5: Accept token-introspection+jwt → 200 with Content-Type application/token-introspection+jwt")
    void jwtResponse_hasItsMediaType() {
        String t = freshTenant("ijwt");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = introspectAsJwt(t, c, clientCredentialsToken(t, c), MEDIA_TYPE).expectStatus(200);
        assertThat(r.header("Content-Type")).startsWith(MEDIA_TYPE);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.body().split("\\.")).hasSize(3);
    }

    @Test
    @DisplayName("RFC 9701 §5: header typ token-introspection+jwt, signature verifies with the tenant JWKS")
    void jwtResponse_isSignedByTenantKey() throws Exception {
        String t = freshTenant("ijwt");
        RegisteredClient c = serviceClient(t, "opaque");
        String body = introspectAsJwt(t, c, clientCredentialsToken(t, c), MEDIA_TYPE).expectStatus(200).body();
        SignedJWT jwt = verifiedJwt(t, body);
        assertThat(jwt.getHeader().getType()).hasToString("token-introspection+jwt");
    }

    @Test
    @DisplayName("RFC 9701 §5: claims iss (issuer), aud (caller client_id), iat and token_introspection with the RFC 7662 members")
    void jwtResponse_hasRequiredClaims() throws Exception {
        String t = freshTenant("ijwt");
        RegisteredClient owner = serviceClient(t, "opaque");
        RegisteredClient caller = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, owner, "scope", "read");
        long now = server.clock.instant().getEpochSecond();
        JWTClaimsSet claims = verifiedJwt(t, introspectAsJwt(t, caller, token, MEDIA_TYPE).expectStatus(200).body())
                .getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuerOf(t));
        assertThat(claims.getAudience()).containsExactly(caller.clientId());
        assertThat(claims.getIssueTime().toInstant().getEpochSecond()).isEqualTo(now);
        // §8.1: not usable as an access token, so no top-level sub or exp
        assertThat(claims.getSubject()).isNull();
        assertThat(claims.getExpirationTime()).isNull();
        Map<String, Object> ti = tokenIntrospection(claims);
        assertThat(ti).containsEntry("active", true).containsEntry("client_id", owner.clientId())
                .containsEntry("scope", "read").containsEntry("tenant_id", t).containsEntry("iss", issuerOf(t))
                .containsEntry("token_type", "Bearer").containsKeys("exp", "iat", "sub", "aud");
    }

    @Test
    @DisplayName("RFC 9701 §5: an inactive token → token_introspection is exactly {\"active\":false}")
    void jwtResponse_forInactiveToken() throws Exception {
        String t = freshTenant("ijwt", "\"accessTokenTtlSeconds\":30");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        server.clock.advance(Duration.ofSeconds(31));
        JWTClaimsSet claims = verifiedJwt(t, introspectAsJwt(t, c, token, MEDIA_TYPE).expectStatus(200).body())
                .getJWTClaimsSet();
        assertThat(tokenIntrospection(claims)).isEqualTo(Map.of("active", false));
        assertThat(claims.getAudience()).containsExactly(c.clientId());
    }

    @Test
    @DisplayName("RFC 9701 §5: a JWT access token introspects as a JWT response too")
    void jwtResponse_forJwtAccessToken() throws Exception {
        String t = freshTenant("ijwt");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c);
        JWTClaimsSet claims = verifiedJwt(t, introspectAsJwt(t, c, token, MEDIA_TYPE).expectStatus(200).body())
                .getJWTClaimsSet();
        assertThat(tokenIntrospection(claims)).containsEntry("active", true)
                .containsEntry("jti", SignedJWT.parse(token).getJWTClaimsSet().getJWTID());
    }

    @Test
    @DisplayName("RFC 9701 §4: the JWT media type is honoured among several Accept values")
    void acceptList_selectsJwt() {
        String t = freshTenant("ijwt");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = introspectAsJwt(t, c, clientCredentialsToken(t, c), "application/json;q=0.5, " + MEDIA_TYPE)
                .expectStatus(200);
        assertThat(r.header("Content-Type")).startsWith(MEDIA_TYPE);
    }

    @Test
    @DisplayName("RFC 9701 §4: without that Accept value the response stays RFC 7662 JSON")
    void plainAccept_givesJson() {
        String t = freshTenant("ijwt");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = introspectAsJwt(t, c, clientCredentialsToken(t, c), "application/json").expectStatus(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 9701 §5: a JWT response of tenant A does not verify with tenant B's keys, and B says inactive")
    void jwtResponse_isTenantScoped() throws Exception {
        String a = freshTenant("ijwt");
        String b = freshTenant("ijwt");
        RegisteredClient ca = serviceClient(a, "opaque");
        RegisteredClient cb = serviceClient(b, "opaque");
        String token = clientCredentialsToken(a, ca);
        String atB = introspectAsJwt(b, cb, token, MEDIA_TYPE).expectStatus(200).body();
        SignedJWT jwt = verifiedJwt(b, atB);
        assertThat(tokenIntrospection(jwt.getJWTClaimsSet())).isEqualTo(Map.of("active", false));
        assertThat(jwks(a).getKeyByKeyId(jwt.getHeader().getKeyID())).isNull();
    }

    @Test
    @DisplayName("RFC 9701 §8.1: an introspection response JWT presented as an access token is not active")
    void introspectionResponse_isNotAnAccessToken() {
        String t = freshTenant("ijwt");
        RegisteredClient c = serviceClient(t, "jwt");
        String response = introspectAsJwt(t, c, clientCredentialsToken(t, c), MEDIA_TYPE).expectStatus(200).body();
        assertThat(introspection(t, c, response)).isEqualTo(Map.of("active", false));
        revoke(t, c, response).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 9701 §4: the JWT response still requires client authentication (401 otherwise)")
    void jwtResponse_requiresAuthentication() {
        String t = freshTenant("ijwt");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = http.post("/t/" + t + "/introspect").header("Accept", MEDIA_TYPE)
                .form("token", clientCredentialsToken(t, c)).send().expectStatus(401);
        assertThat(r.header("Content-Type")).doesNotStartWith(MEDIA_TYPE);
    }
}
