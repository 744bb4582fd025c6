package dev.tessera.spec.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.keys.KeyDefaults;
import dev.tessera.testing.Http;
import dev.tessera.testing.JwksVerifier;
import dev.tessera.testing.SpecTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7517 §5 (JWK Set) and issue 2 item 4: each tenant publishes its public signing keys at its
 * {@code jwks_uri} with caching headers, an ACTIVE and a NEXT key, and stores private keys encrypted.
 */
@Tag("rfc7517")
class Rfc7517Section5JwksPublicationTest extends SpecTest {
    /** RFC 7517 §6.2.2, §6.3.2, §6.4.1: members that only private keys carry. */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Http.Response jwks(String t) {
        return http.get("/t/" + t + "/jwks").send().expectStatus(200);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> keys(Http.Response r) {
        return (List<Map<String, Object>>) r.json().get("keys");
    }

    @Test
    @DisplayName("RFC 8414 §2: discovery's jwks_uri is {issuer}/jwks and serves the tenant's JWK Set")
    void jwksUri_isAdvertised() {
        String t = fresh("uri");
        createTenant(t);
        Map<String, Object> md = http.get("/t/" + t + "/.well-known/openid-configuration").send().expectStatus(200).json();
        assertThat(md).containsEntry("jwks_uri", server.issuer(t) + "/jwks");
        assertThat(keys(jwks(t))).isNotEmpty();
    }

    @Test
    @DisplayName("RFC 7517 §8.5: the JWK Set is application/jwk-set+json with Cache-Control public, max-age")
    void jwks_hasMediaTypeAndCacheControl() {
        String t = fresh("cache");
        createTenant(t);
        Http.Response r = jwks(t);
        assertThat(r.header("Content-Type")).startsWith("application/jwk-set+json");
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=" + KeyDefaults.JWKS_MAX_AGE_SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "EdDSA"})
    @DisplayName("RFC 7517 §4–5, CONTRACT §2: a new tenant publishes two public signature keys (ACTIVE and NEXT) of its algorithm and two of RS256, with kid, use, alg")
    void newTenant_publishesActiveAndNext(String alg) {
        String t = fresh("two");
        putTenant(t, "{\"displayName\":\"Two\",\"signingAlgorithm\":\"" + alg + "\"}");
        List<Map<String, Object>> keys = keys(jwks(t));
        assertThat(keys).hasSize(4);
        assertThat(keys.stream().map(k -> k.get("kid")).distinct()).hasSize(4);
        assertThat(keys.stream().filter(k -> alg.equals(k.get("alg")))).hasSize(alg.equals("RS256") ? 4 : 2);
        assertThat(keys.stream().filter(k -> "RS256".equals(k.get("alg")))).hasSize(alg.equals("RS256") ? 4 : 2);
        for (Map<String, Object> k : keys) {
            assertThat(k).containsEntry("use", "sig").containsKey("kid");
            assertThat(k.get("alg")).isIn(alg, "RS256");
            assertThat(k.keySet()).doesNotContainAnyElementsOf(PRIVATE_MEMBERS);
        }
        // the active key signs; the other one is published ahead of use
        String jwt = clientCredentialsToken(t, serviceClient(t, "jwt"));
        String kid = JwksVerifier.parse(jwt).getHeader().getKeyID();
        assertThat(keys.stream().map(k -> k.get("kid"))).contains(kid);
        assertThat(JwksVerifier.verifies(jwks(t).body(), jwt)).isTrue();
    }

    @Test
    @DisplayName("RFC 7517 §5: tenants publish disjoint key sets; a token verifies only with its own tenant's set")
    void tenants_haveDisjointKeys() {
        String a = fresh("iso-a");
        String b = fresh("iso-b");
        createTenant(a);
        createTenant(b);
        List<Object> kidsA = keys(jwks(a)).stream().map(k -> k.get("kid")).toList();
        List<Object> kidsB = keys(jwks(b)).stream().map(k -> k.get("kid")).toList();
        assertThat(kidsA).doesNotContainAnyElementsOf(kidsB);
        String jwt = clientCredentialsToken(a, serviceClient(a, "jwt"));
        assertThat(JwksVerifier.verifies(jwks(a).body(), jwt)).isTrue();
        assertThat(JwksVerifier.verifies(jwks(b).body(), jwt)).isFalse();
    }

    @Test
    @DisplayName("Issue 2 item 4: the stored private keys are encrypted: no private JWK member in clear in signing_keys")
    void privateKeys_areEncryptedAtRest() {
        String t = fresh("rest");
        putTenant(t, "{\"displayName\":\"Rest\",\"signingAlgorithm\":\"RS256\"}");
        http.post("/admin/v1/tenants/" + t + "/keys/rotate").bearer(adminToken()).send().expectStatus(204);
        List<String[]> rows = server.tessera.database().jdbc().query(
                "SELECT public_jwk, private_jwk_enc FROM signing_keys WHERE tenant_id = ? UNION ALL "
                        + "SELECT public_jwk, private_jwk_enc FROM rs256_signing_keys WHERE tenant_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, t, t);
        assertThat(rows).hasSize(6);
        for (String[] row : rows) {
            assertThat(row[0]).contains("\"kty\"").doesNotContain("\"d\"").doesNotContain("\"p\"");
            String stored = row[1];
            assertThat(stored).doesNotContain("\"d\"").doesNotContain("\"kty\"").doesNotContain("{");
            // not merely encoded either: the decoded bytes are no JWK
            String decoded = new String(Base64.getUrlDecoder().decode(stored), StandardCharsets.ISO_8859_1);
            assertThat(decoded).doesNotContain("\"d\"").doesNotContain("\"kty\"");
        }
    }

    @Test
    @DisplayName("Issue 2 item 4: the key material of the published keys is not in storage in clear either")
    void publicJwks_matchStoredPublicKeysOnly() {
        String t = fresh("match");
        createTenant(t);
        List<String> stored = server.tessera.database().jdbc().query(
                "SELECT kid FROM (SELECT kid FROM signing_keys WHERE tenant_id = ? UNION ALL "
                        + "SELECT kid FROM rs256_signing_keys WHERE tenant_id = ?) k ORDER BY kid", rs -> rs.getString(1), t, t);
        List<Object> published = keys(jwks(t)).stream().map(k -> k.get("kid")).sorted().map(Object.class::cast).toList();
        assertThat(published).containsExactlyElementsOf(stored);
    }
}
