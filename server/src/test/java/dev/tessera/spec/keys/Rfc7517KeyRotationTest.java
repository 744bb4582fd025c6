package dev.tessera.spec.keys;

import static dev.tessera.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.keys.KeyDefaults;
import dev.tessera.testing.Http;
import dev.tessera.testing.JwksVerifier;
import dev.tessera.testing.SpecTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 item 4 with RFC 7517 §5 and RFC 7515 §4.1.4: rotation through
 * {@code POST /admin/v1/tenants/{T}/keys/rotate}. The next key is published before it signs; the
 * old key stays published until every token it signed has expired.
 */
@Tag("rfc7517")
@Tag("contract")
class Rfc7517KeyRotationTest extends SpecTest {

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String jwks(String t) {
        return http.get("/t/" + t + "/jwks").send().expectStatus(200).body();
    }

    /** The published kids of the tenant's signingAlgorithm chain (ES256 here; the RS256 chain is Contract2Rs256KeysTest's). */
    @SuppressWarnings("unchecked")
    private List<String> kids(String t) {
        try {
            List<Map<String, Object>> keys = (List<Map<String, Object>>) com.nimbusds.jose.util.JSONObjectUtils
                    .parse(jwks(t)).get("keys");
            return keys.stream().filter(k -> !"RS256".equals(k.get("alg"))).map(k -> (String) k.get("kid")).toList();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static String kidOf(String jwt) {
        return JwksVerifier.parse(jwt).getHeader().getKeyID();
    }

    private Http.Response rotate(String t) {
        return http.post("/admin/v1/tenants/" + t + "/keys/rotate").bearer(adminToken()).send();
    }

    private Map<String, Object> introspect(String t, RegisteredClient c, String token) {
        return http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), c.clientSecret()).form("token", token)
                .send().expectStatus(200).json();
    }

    @Test
    @DisplayName("Issue 2 item 4: rotation → 204; new tokens are signed by the key published as NEXT before it")
    void rotate_activatesThePublishedNextKey() {
        String t = fresh("rot");
        createTenant(t);
        RegisteredClient c = serviceClient(t, "jwt");
        String before = clientCredentialsToken(t, c);
        String oldKid = kidOf(before);
        List<String> published = kids(t);
        assertThat(published).hasSize(2).contains(oldKid);
        String nextKid = published.stream().filter(k -> !k.equals(oldKid)).findFirst().orElseThrow();

        Http.Response r = rotate(t).expectStatus(204);
        assertThat(r.body()).isEmpty();

        String after = clientCredentialsToken(t, c);
        assertThat(kidOf(after)).isEqualTo(nextKid);
        List<String> now = kids(t);
        assertThat(now).hasSize(3).contains(oldKid, nextKid);
        String newNext = now.stream().filter(k -> !k.equals(oldKid) && !k.equals(nextKid)).findFirst().orElseThrow();
        assertThat(newNext).isNotIn(oldKid, nextKid);
        assertThat(JwksVerifier.verifies(jwks(t), after)).isTrue();
    }

    @Test
    @DisplayName("Issue 2 item 4: after rotation the retired key stays published and its tokens verify and introspect active")
    void rotate_keepsRetiredKeyUsable() {
        String t = fresh("keep");
        putTenant(t, "{\"displayName\":\"Keep\",\"accessTokenTtlSeconds\":86400}");
        RegisteredClient c = serviceClient(t, "jwt");
        String before = clientCredentialsToken(t, c);
        rotate(t).expectStatus(204);
        assertThat(kidOf(clientCredentialsToken(t, c))).isNotEqualTo(kidOf(before));
        assertThat(JwksVerifier.verifies(jwks(t), before)).isTrue();
        assertThat(introspect(t, c, before)).containsEntry("active", true);

        // a whole token lifetime later, it is still published and the token is still valid until it expires
        server.clock.advance(Duration.ofSeconds(86_399));
        assertThat(kids(t)).contains(kidOf(before));
        assertThat(introspect(t, c, before)).containsEntry("active", true);
    }

    @Test
    @DisplayName("Issue 2 item 4: each rotation promotes the key that was NEXT after the previous one")
    void repeatedRotation_promotesInOrder() {
        String t = fresh("chain");
        createTenant(t);
        RegisteredClient c = serviceClient(t, "jwt");
        List<String> published = new java.util.ArrayList<>(kids(t));
        String signing = kidOf(clientCredentialsToken(t, c));
        String next = published.stream().filter(k -> !k.equals(signing)).findFirst().orElseThrow();
        for (int i = 0; i < 3; i++) {
            rotate(t).expectStatus(204);
            assertThat(kidOf(clientCredentialsToken(t, c))).isEqualTo(next);
            List<String> after = kids(t);
            List<String> added = after.stream().filter(k -> !published.contains(k)).toList();
            assertThat(added).hasSize(1);
            next = added.get(0);
            published.clear();
            published.addAll(after);
        }
    }

    @Test
    @DisplayName("Issue 2 item 4: a retired key disappears once its publication period has passed and keys rotate again")
    void retiredKey_disappearsAfterPublicationPeriod() {
        String t = fresh("expire");
        createTenant(t);
        RegisteredClient c = serviceClient(t, "jwt");
        String first = kidOf(clientCredentialsToken(t, c));
        rotate(t).expectStatus(204);
        server.clock.advance(KeyDefaults.RETIRED_KEY_PUBLICATION.minusSeconds(60));
        rotate(t).expectStatus(204);
        assertThat(kids(t)).contains(first).hasSize(4);

        server.clock.advance(Duration.ofSeconds(61));
        rotate(t).expectStatus(204);
        List<String> now = kids(t);
        assertThat(now).doesNotContain(first).hasSize(4);
        long stored = server.tessera.database().jdbc().queryOne(
                "SELECT COUNT(*) FROM signing_keys WHERE tenant_id = ? AND kid = ?", rs -> rs.getLong(1), t, first).orElseThrow();
        assertThat(stored).isZero();
    }

    @Test
    @DisplayName("Issue 2 item 4: without another rotation, the JWKS stops listing a retired key after its period (cache included)")
    void retiredKey_leavesJwksWithoutRotation() {
        String t = fresh("lapse");
        createTenant(t);
        RegisteredClient c = serviceClient(t, "jwt");
        String first = kidOf(clientCredentialsToken(t, c));
        rotate(t).expectStatus(204);
        assertThat(kids(t)).contains(first);
        server.clock.advance(KeyDefaults.RETIRED_KEY_PUBLICATION.plus(KeyDefaults.CACHE_STALENESS).plusSeconds(1));
        assertThat(kids(t)).doesNotContain(first).hasSize(2);
        clientCredentialsToken(t, c);
    }

    @Test
    @DisplayName("Issue 2 item 4: rotating one tenant leaves the keys of the others untouched")
    void rotation_isPerTenant() {
        String a = fresh("one");
        String b = fresh("other");
        createTenant(a);
        createTenant(b);
        String jwksB = jwks(b);
        rotate(a).expectStatus(204);
        assertThat(jwks(b)).isEqualTo(jwksB);
        assertThat(kids(a)).hasSize(3);
    }

    @Test
    @DisplayName("CONTRACT §3: rotating an unknown tenant → 404 problem; an invalid id → 400 problem")
    void rotateUnknownTenant_is404() {
        expectProblem(rotate(fresh("nobody")), 404);
        expectProblem(rotate("Not_Valid"), 400);
    }

    @Test
    @DisplayName("CONTRACT §3: rotation needs the admin token → 401 with WWW-Authenticate, keys unchanged")
    void rotateWithoutToken_is401() {
        String t = fresh("unauth");
        createTenant(t);
        List<String> before = kids(t);
        Http.Response r = http.post("/admin/v1/tenants/" + t + "/keys/rotate").send();
        expectProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ");
        RegisteredClient tenantAdmin = register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"admin\"}");
        expectProblem(http.post("/admin/v1/tenants/" + t + "/keys/rotate")
                .bearer(clientCredentialsToken(t, tenantAdmin, "scope", "admin")).send(), 401);
        assertThat(kids(t)).isEqualTo(before);
    }
}
