package dev.tessera.spec.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.testing.Http;
import dev.tessera.testing.JwksVerifier;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long the answer may be reused: the JWT is signed once per opaque token and reused, and the
 * gateway's {@code Cache-Control: max-age} stays within the token's life and the revocation
 * staleness bound. Spec: CONTRACT §6.1; RFC 9111 §5.2.2.1.
 */
@Tag("contract6")
class ForwardAuthContract6_1CacheTest extends ForwardAuthSpecTest {

    private static long exp(String jwt) {
        try {
            return JwksVerifier.parse(jwt).getJWTClaimsSet().getExpirationTime().getTime() / 1000;
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** Whole seconds from now until the JWT's exp, as a cache may count them. */
    private long secondsLeft(String jwt) {
        return Math.floorDiv(exp(jwt) * 1000 - server.clock.millis(), 1000);
    }

    private long opaqueExp(String tenant, RegisteredClient c, String token) {
        return ((Number) introspection(tenant, c, token).get("exp")).longValue();
    }

    @Test
    @DisplayName("CONTRACT §6.1: the JWT is signed once and reused: the same string for every call with the token")
    void jwt_isReused() {
        String t = freshTenant("fac");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        String first = forwardedJwt(forwardAuth(t, token));
        server.clock.advance(Duration.ofSeconds(100));
        assertThat(forwardedJwt(forwardAuth(t, token))).isEqualTo(first);
        assertThat(forwardedJwt(http.post("/t/" + t + "/forward-auth/x").bearer(token).send())).isEqualTo(first);
        String other = clientCredentialsToken(t, c);
        assertThat(forwardedJwt(forwardAuth(t, other))).isNotEqualTo(first);
    }

    @Test
    @DisplayName("CONTRACT §6.1: Cache-Control max-age is the staleness bound (default 30) when the token lives longer")
    void maxAge_isTheStalenessBound() {
        String t = freshTenant("fac");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        Http.Response r = forwardAuth(t, token);
        assertThat(maxAge(r)).isEqualTo(30);
        assertThat(r.header("Cache-Control")).isEqualTo("max-age=30, public");
        assertThat(r.header("Vary")).isEqualTo("Authorization");
    }

    @Test
    @DisplayName("CONTRACT §6.1: max-age is no more than the token's remaining lifetime, and the JWT's exp no later than the token's")
    void maxAge_isBoundedByTheRemainingLifetime() {
        String t = freshTenant("fac", "\"accessTokenTtlSeconds\":20");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        long opaqueExp = opaqueExp(t, c, token);
        Http.Response r = forwardAuth(t, token);
        String jwt = forwardedJwt(r);
        assertThat(exp(jwt)).isLessThanOrEqualTo(opaqueExp);
        assertThat(maxAge(r)).isEqualTo(Math.min(30, secondsLeft(jwt))).isLessThanOrEqualTo(20);
        server.clock.advance(Duration.ofSeconds(15));
        r = forwardAuth(t, token);
        assertThat(forwardedJwt(r)).isEqualTo(jwt);
        assertThat(maxAge(r)).isEqualTo(secondsLeft(jwt)).isLessThanOrEqualTo(5);
    }

    @Test
    @DisplayName("CONTRACT §6.1: max-age counts down from when this node last read the token's status, so gateway and node stay within the bound together")
    void maxAge_countsDownWithTheStatusCheck() {
        String t = freshTenant("fac");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        assertThat(maxAge(forwardAuth(t, token))).isEqualTo(30);
        server.clock.advance(Duration.ofSeconds(10));
        assertThat(maxAge(forwardAuth(t, token))).isEqualTo(20);
        server.clock.advance(Duration.ofSeconds(25));      // status read again once the bound passed
        assertThat(maxAge(forwardAuth(t, token))).isEqualTo(30);
    }

    @Test
    @DisplayName("CONTRACT §6.1, §7: a tenant with revocationStalenessSeconds 0 → max-age=0 (and still 200 with the same JWT)")
    void zeroStaleness_isMaxAgeZero() {
        String t = freshTenant("fac", "\"revocationStalenessSeconds\":0");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        Http.Response first = forwardAuth(t, token);
        assertThat(maxAge(first)).isZero();
        Http.Response second = forwardAuth(t, token);
        assertThat(maxAge(second)).isZero();
        assertThat(forwardedJwt(second)).isEqualTo(forwardedJwt(first));
        String jwt = clientCredentialsToken(t, serviceClient(t, "jwt"));
        assertThat(maxAge(forwardAuth(t, jwt))).isZero();
    }

    @Test
    @DisplayName("CONTRACT §6.1: a long-lived token's JWT is replaced shortly before it expires, never outliving the token")
    void nearExpiry_aFreshJwtIsSigned() {
        String t = freshTenant("fac", "\"accessTokenTtlSeconds\":3600");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        long opaqueExp = opaqueExp(t, c, token);
        String first = forwardedJwt(forwardAuth(t, token));
        assertThat(exp(first)).isLessThan(opaqueExp);
        server.clock.advance(Duration.ofSeconds(200));
        assertThat(forwardedJwt(forwardAuth(t, token))).isEqualTo(first);
        server.clock.advance(Duration.ofSeconds(50));      // under a minute left: replaced
        Http.Response r = forwardAuth(t, token);
        String second = forwardedJwt(r);
        assertThat(second).isNotEqualTo(first);
        assertThat(exp(second)).isGreaterThan(exp(first)).isLessThanOrEqualTo(opaqueExp);
        assertThat(maxAge(r)).isEqualTo(Math.min(30, secondsLeft(second)));
        assertThat(verifiedJwt(t, second).getHeader().getType()).hasToString("at+jwt");
    }

    @Test
    @DisplayName("CONTRACT §6.1: a token that ends before the JWT would be renewed keeps its one JWT to the end")
    void shortToken_keepsItsJwtToTheEnd() {
        String t = freshTenant("fac", "\"accessTokenTtlSeconds\":120");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        String first = forwardedJwt(forwardAuth(t, token));
        assertThat(exp(first)).isEqualTo(opaqueExp(t, c, token));
        server.clock.advance(Duration.ofSeconds(110));
        Http.Response r = forwardAuth(t, token);
        assertThat(forwardedJwt(r)).isEqualTo(first);
        assertThat(maxAge(r)).isEqualTo(secondsLeft(first)).isLessThanOrEqualTo(10);
    }

    @Test
    @DisplayName("CONTRACT §6.1 + RFC 7517: after a key rotation the JWT is signed afresh by the new active key")
    void keyRotation_signsAFreshJwt() {
        String t = freshTenant("fac");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        String before = forwardedJwt(forwardAuth(t, token));
        http.post("/admin/v1/tenants/" + t + "/keys/rotate").bearer(adminToken()).send();
        String after = forwardedJwt(forwardAuth(t, token));
        assertThat(after).isNotEqualTo(before);
        SignedJWT rotated = verifiedJwt(t, after);
        assertThat(rotated.getHeader().getKeyID()).isNotEqualTo(JwksVerifier.parse(before).getHeader().getKeyID());
        assertThat(forwardedJwt(forwardAuth(t, token))).isEqualTo(after);
    }

    @Test
    @DisplayName("CONTRACT §1.1: /metrics counts forward-auth outcomes per tenant and JWT cache hits and misses")
    void metrics_countOutcomesAndCacheUse() {
        String t = freshTenant("fac");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        double hits = metric("tessera_forward_auth_jwt_cache_total\\{result=\"hit\"}");
        double misses = metric("tessera_forward_auth_jwt_cache_total\\{result=\"miss\"}");
        forwardAuth(t, token).expectStatus(200);
        forwardAuth(t, token).expectStatus(200);
        forwardAuth(t, token).expectStatus(200);
        forwardAuth(t, "A".repeat(43)).expectStatus(401);
        http.get("/t/" + t + "/forward-auth").send().expectStatus(401);
        http.get("/t/" + t + "/forward-auth?scope=admin").bearer(token).send().expectStatus(403);
        assertThat(metric("tessera_forward_auth_jwt_cache_total\\{result=\"hit\"}") - hits).isEqualTo(2);
        assertThat(metric("tessera_forward_auth_jwt_cache_total\\{result=\"miss\"}") - misses).isEqualTo(1);
        for (Map.Entry<String, Integer> e : Map.of("allowed", 3, "invalid_token", 1, "no_token", 1, "insufficient_scope", 1).entrySet()) {
            assertThat(metric("tessera_forward_auth_total\\{outcome=\"" + e.getKey() + "\",tenant=\"" + t + "\"}"))
                    .as(e.getKey()).isEqualTo(e.getValue().doubleValue());
        }
    }

    private double metric(String series) {
        String text = http.get("/metrics").send().expectStatus(200).body();
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
