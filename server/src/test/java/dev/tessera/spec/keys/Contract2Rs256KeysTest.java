package dev.tessera.spec.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.keys.KeyDefaults;
import dev.tessera.spec.authorize.FlowSpecTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §2 (issue 9 item 10): every tenant's JWKS holds an RS256 key chain beside the keys of its
 * {@code signingAlgorithm}; it signs ID tokens by default, rotates with {@code POST …/keys/rotate} the
 * same way (the NEXT key, published before, starts signing; the old one stays published), and a tenant
 * created before the chain existed gets it on its first key load.
 */
@Tag("contract")
class Contract2Rs256KeysTest extends FlowSpecTest {

    @SuppressWarnings("unchecked")
    private List<String> rs256Kids(String t) {
        try {
            List<Map<String, Object>> keys = (List<Map<String, Object>>) com.nimbusds.jose.util.JSONObjectUtils
                    .parse(http.get("/t/" + t + "/jwks").send().expectStatus(200).body()).get("keys");
            return keys.stream().filter(k -> "RS256".equals(k.get("alg")))
                    .peek(k -> assertThat(k).containsEntry("kty", "RSA").containsEntry("use", "sig").doesNotContainKey("d"))
                    .map(k -> (String) k.get("kid")).toList();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private SignedJWT idToken(String t, RegisteredClient c) {
        SignedJWT jwt = verifiedJwt(t, tokens(browser(), authRequest(t, c), "alice").idToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        return jwt;
    }

    private List<String> storedRs256Kids(String t) {
        return server.tessera.database().jdbc().query("SELECT kid FROM rs256_signing_keys WHERE tenant_id = ? ORDER BY kid",
                rs -> rs.getString(1), t);
    }

    @Test
    @DisplayName("CONTRACT §2, §3: rotation promotes the published RS256 NEXT key; the old RS256 key stays published and its ID tokens verify")
    void rotation_rotatesTheRs256Chain() {
        String t = freshTenant("rsa");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        List<String> before = rs256Kids(t);
        assertThat(before).hasSize(2);
        SignedJWT first = idToken(t, c);
        String oldKid = first.getHeader().getKeyID();
        String nextKid = before.stream().filter(k -> !k.equals(oldKid)).findFirst().orElseThrow();

        http.post("/admin/v1/tenants/" + t + "/keys/rotate").bearer(adminToken()).send().expectStatus(204);

        assertThat(idToken(t, c).getHeader().getKeyID()).isEqualTo(nextKid);
        assertThat(rs256Kids(t)).hasSize(3).contains(oldKid, nextKid);
        verifiedJwt(t, first.serialize());
        // the retired RS256 key leaves the JWKS once every token it signed has expired
        server.clock.advance(KeyDefaults.RETIRED_KEY_PUBLICATION.plus(KeyDefaults.CACHE_STALENESS).plusSeconds(1));
        assertThat(rs256Kids(t)).hasSize(2).doesNotContain(oldKid).contains(nextKid);
    }

    @Test
    @DisplayName("CONTRACT §2: a tenant without an RS256 chain (created before it existed) gets one on its first key load, and ID tokens are RS256")
    void tenantWithoutChain_getsOneOnFirstLoad() {
        String t = freshTenant("rsa-old");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        List<String> dropped = rs256Kids(t);
        server.tessera.database().jdbc().update("DELETE FROM rs256_signing_keys WHERE tenant_id = ?", t);
        server.clock.advance(KeyDefaults.CACHE_STALENESS.plusSeconds(1));          // the cached key set expires

        List<String> created = rs256Kids(t);
        assertThat(created).hasSize(2).doesNotContainAnyElementsOf(dropped);
        assertThat(storedRs256Kids(t)).containsExactlyInAnyOrderElementsOf(created);
        assertThat(idToken(t, c).getHeader().getKeyID()).isIn(created);
    }
}
