package dev.tessera.spec.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 6749 §10.10 (guessing attacks) and RFC 6819 §5.1.4.1.3 (no cleartext credentials in storage):
 * opaque access tokens carry ≥ 256 random bits and are stored only as keyed hashes.
 */
@Tag("rfc6749")
@Tag("rfc6819")
class Rfc6749Section10_10OpaqueAccessTokenTest extends TokenSpecTest {

    @Test
    @DisplayName("RFC 6749 §10.10: an opaque access token is an issuance prefix and 43 base64url characters (256 random bits)")
    void opaqueToken_carries256RandomBits() {
        String t = freshTenant("opq");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        assertThat(token).hasSize(56).matches("[0-9a-f]{13}[A-Za-z0-9_-]{43}");
        byte[] decoded = java.util.Base64.getUrlDecoder().decode(token.substring(13));
        assertThat(decoded.length * 8).isGreaterThanOrEqualTo(256);
    }

    @Test
    @DisplayName("RFC 6749 §10.10: the prefixes of successive tokens grow, so stored keys append to the index")
    void opaqueTokenPrefixes_growWithIssuance() {
        String t = freshTenant("opq");
        RegisteredClient c = serviceClient(t, "opaque");
        List<String> prefixes = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) prefixes.add(clientCredentialsToken(t, c).substring(0, 13));
        assertThat(prefixes).isSorted().doesNotHaveDuplicates();
        List<String> keys = rows("access_tokens").stream().filter(r -> t.equals(r.get("tenant_id")))
                .map(r -> (String) r.get("token_hash")).sorted().toList();
        assertThat(keys).hasSize(5).allSatisfy(k -> assertThat(k).hasSize(56));
        assertThat(keys.stream().map(k -> k.substring(0, 13)).toList()).isEqualTo(prefixes);
    }

    @Test
    @DisplayName("RFC 6749 §10.10: tokens of the earlier form (43 characters, no prefix) are still honoured and revocable")
    void unprefixedTokens_stillWork() {
        String t = freshTenant("opq");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        String legacy = dev.tessera.keys.RandomValues.token(32);
        var hasher = new dev.tessera.token.TokenHasher(new dev.tessera.keys.MasterKey(new byte[32]));  // TestServer's master key
        try (java.sql.Connection conn = server.tessera.database().dataSource().getConnection();
             java.sql.PreparedStatement ps = conn.prepareStatement(
                     "UPDATE access_tokens SET token_hash = ? WHERE tenant_id = ? AND token_hash = ?")) {
            ps.setString(1, hasher.hash(legacy).value());
            ps.setString(2, t);
            ps.setString(3, token.substring(0, 13) + hasher.hash(token).value());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(introspection(t, c, legacy)).containsEntry("active", true).containsEntry("client_id", c.clientId());
        revoke(t, c, legacy).expectStatus(200);
        assertThat(introspection(t, c, legacy)).containsEntry("active", false);
    }

    @Test
    @DisplayName("RFC 6749 §10.10: opaque tokens do not repeat and their random parts share no common prefix")
    void opaqueTokens_areUnpredictable() {
        String t = freshTenant("opq");
        RegisteredClient c = serviceClient(t, "opaque");
        Set<String> tokens = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String token = clientCredentialsToken(t, c);
            tokens.add(token);
            prefixes.add(token.substring(13, 19));
        }
        assertThat(tokens).hasSize(20);
        assertThat(prefixes.size()).isGreaterThan(15);
    }

    @Test
    @DisplayName("RFC 6819 §5.1.4.1.3: no column of the access token table holds the token value")
    void opaqueToken_isNotStoredInClear() {
        String t = freshTenant("opq");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        List<Map<String, Object>> rows = rows("access_tokens").stream().filter(r -> t.equals(r.get("tenant_id"))).toList();
        assertThat(rows).as("the token is stored (as a hash)").hasSize(1);
        for (Map<String, Object> row : rows) {
            for (Map.Entry<String, Object> col : row.entrySet()) {
                String v = String.valueOf(col.getValue());
                assertThat(v).as("column %s", col.getKey()).doesNotContain(token);
                assertThat(token).as("column %s", col.getKey()).doesNotContain(v.length() >= 16 ? v : "\u0000");
            }
        }
        assertThat(introspection(t, c, token)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 6819 §5.1.4.1.3: the stored hash is keyed — not the plain SHA-256 of the token")
    void storedHash_isNotPlainDigest() throws Exception {
        String t = freshTenant("opq");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Set<String> plain = Set.of(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sha),
                java.util.Base64.getEncoder().encodeToString(sha), java.util.HexFormat.of().formatHex(sha));
        for (Map<String, Object> row : rows("access_tokens")) {
            if (!t.equals(row.get("tenant_id"))) continue;
            for (Object v : row.values()) assertThat(plain).doesNotContain(String.valueOf(v));
        }
    }

    @Test
    @DisplayName("CONTRACT §3: opaque is the default format (no client or tenant choice)")
    void opaque_isTheDefault() {
        String t = freshTenant("opq");
        RegisteredClient c = register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        String token = clientCredentialsToken(t, c);
        assertThat(token).doesNotContain(".").hasSize(56);
        assertThat(introspection(t, c, token)).containsEntry("active", true).containsEntry("client_id", c.clientId());
    }

    @Test
    @DisplayName("RFC 6749 §10.3: client secrets are not stored in clear either")
    void clientSecret_isNotStoredInClear() {
        String t = freshTenant("opq");
        RegisteredClient c = serviceClient(t, "opaque");
        assertThat(c.clientSecret()).hasSizeGreaterThanOrEqualTo(43);
        for (Map<String, Object> row : rows("clients")) {
            for (Object v : row.values()) assertThat(String.valueOf(v)).doesNotContain(c.clientSecret());
        }
    }
}
