package dev.tessera.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.keys.MasterKey;
import dev.tessera.keys.RandomValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Opaque access token values (RFC 6749 §10.10)")
class AccessTokenValuesTest {
    private final TokenHasher hasher = new TokenHasher(new MasterKey(new byte[32]));

    @Test
    @DisplayName("RFC 6749 §10.10: stored keys sort in issuance order, within a millisecond and across a clock step back")
    void keys_sortInIssuanceOrder() {
        AccessTokenValues values = new AccessTokenValues();
        Instant t = Instant.parse("2026-12-03T10:00:00Z");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 600; i++) keys.add(AccessTokenValues.hash(hasher, values.mint(t)).value());    // > 256 in one ms
        keys.add(AccessTokenValues.hash(hasher, values.mint(t.minusSeconds(5))).value());                   // clock went back
        keys.add(AccessTokenValues.hash(hasher, values.mint(t.plusMillis(1000))).value());
        assertThat(keys).doesNotHaveDuplicates().isSorted();
    }

    @Test
    @DisplayName("RFC 6749 §10.10: a value is 13 hex digits and 43 base64url characters; the key is the prefix and the keyed hash")
    void shapeAndKey() {
        String v = new AccessTokenValues().mint(Instant.now());
        assertThat(v).hasSize(AccessTokenValues.LENGTH).matches("[0-9a-f]{13}[A-Za-z0-9_-]{43}");
        assertThat(AccessTokenValues.wellFormed(v)).isTrue();
        assertThat(AccessTokenValues.hash(hasher, v).value()).isEqualTo(v.substring(0, 13) + hasher.hash(v).value());
    }

    @Test
    @DisplayName("RFC 6749 §10.10: the earlier 43-character form is recognised and keyed by its hash alone")
    void legacyValues() {
        String legacy = RandomValues.token(32);
        assertThat(AccessTokenValues.wellFormed(legacy)).isTrue();
        assertThat(AccessTokenValues.hash(hasher, legacy)).isEqualTo(hasher.hash(legacy));
    }

    @Test
    @DisplayName("RFC 6750 §3.1: malformed values are refused without a lookup")
    void malformedValues() {
        String v = new AccessTokenValues().mint(Instant.now());
        for (String bad : new String[] {"", "x", v.substring(1), v + "A", "G" + v.substring(1), v.substring(0, 13) + "+" + v.substring(14),
                "A".repeat(42), "A".repeat(44), "=".repeat(43), "F" + v.substring(1)}) {
            assertThat(AccessTokenValues.wellFormed(bad)).as(bad).isFalse();
        }
    }
}
