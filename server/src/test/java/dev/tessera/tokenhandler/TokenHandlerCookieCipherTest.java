package dev.tessera.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Unit tests of the cookie sealing format: round trip, binding, expiry, key choice, malformed input. Spec: CONTRACT §6.2. */
class TokenHandlerCookieCipherTest {
    private static final Instant NOW = Instant.parse("2031-05-04T10:15:30Z");
    private static final CookieCipher.CipherKey K1 = key("AAAAAAAAAAE", 1, null);
    private static final CookieCipher.CipherKey K2 = key("AAAAAAAAAAI", 2, null);
    private static final String AAD = CookieCipher.associatedData(new TenantId("acme"), new TokenHandlerAppId("web"), "th-at");

    private static CookieCipher.CipherKey key(String kid, int fill, Instant expiresAt) {
        byte[] raw = new byte[32];
        java.util.Arrays.fill(raw, (byte) fill);
        return new CookieCipher.CipherKey(kid, new SecretKeySpec(raw, "AES"), expiresAt);
    }

    @Test
    @DisplayName("CONTRACT §6.2: seal then open returns the value; the sealed form is base64url, version 1, names the key, is fresh each time")
    void roundTrip() {
        String sealed = CookieCipher.seal(K1, AAD, "tøken ✓", NOW.plusSeconds(60));
        assertThat(sealed).matches("[A-Za-z0-9_-]+");
        byte[] bytes = Base64.getUrlDecoder().decode(sealed);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, 1, 9)))
                .isEqualTo(K1.kid());
        assertThat(CookieCipher.open(List.of(K2, K1), AAD, sealed, NOW)).contains("tøken ✓");
        assertThat(CookieCipher.seal(K1, AAD, "tøken ✓", NOW.plusSeconds(60))).isNotEqualTo(sealed);
    }

    @Test
    @DisplayName("CONTRACT §6.2: another tenant, app or cookie name in the associated data does not open the cookie")
    void associatedData_bindsTenantAppAndName() {
        String sealed = CookieCipher.seal(K1, AAD, "v", NOW.plusSeconds(60));
        for (String other : List.of(CookieCipher.associatedData(new TenantId("other"), new TokenHandlerAppId("web"), "th-at"),
                CookieCipher.associatedData(new TenantId("acme"), new TokenHandlerAppId("api"), "th-at"),
                CookieCipher.associatedData(new TenantId("acme"), new TokenHandlerAppId("web"), "th-auth"))) {
            assertThat(CookieCipher.read(List.of(K1), other, sealed, NOW)).isInstanceOf(CookieCipher.Opened.Invalid.class);
        }
    }

    @Test
    @DisplayName("CONTRACT §6.2: at its expiry the cookie reads as expired, not as a value")
    void expiry() {
        String sealed = CookieCipher.seal(K1, AAD, "v", NOW.plusSeconds(60));
        assertThat(CookieCipher.read(List.of(K1), AAD, sealed, NOW.plusSeconds(59))).isEqualTo(new CookieCipher.Opened.Value("v"));
        assertThat(CookieCipher.read(List.of(K1), AAD, sealed, NOW.plusSeconds(60))).isInstanceOf(CookieCipher.Opened.Expired.class);
    }

    @Test
    @DisplayName("CONTRACT §6.2: only the key the cookie names opens it, and a retired key only until its expiry")
    void keyChoice() {
        String sealed = CookieCipher.seal(K1, AAD, "v", NOW.plusSeconds(3600));
        assertThat(CookieCipher.open(List.of(K2), AAD, sealed, NOW)).isEmpty();
        CookieCipher.CipherKey retiring = key(K1.kid(), 1, NOW.plusSeconds(10));
        assertThat(CookieCipher.open(List.of(K2, retiring), AAD, sealed, NOW.plusSeconds(9))).contains("v");
        assertThat(CookieCipher.open(List.of(K2, retiring), AAD, sealed, NOW.plusSeconds(10))).isEmpty();
        CookieCipher.CipherKey impostor = key(K1.kid(), 7, null);                      // same id, other key bytes
        assertThat(CookieCipher.open(List.of(impostor), AAD, sealed, NOW)).isEmpty();
        assertThat(CookieCipher.unknownKid(List.of(K2), sealed)).isTrue();
        assertThat(CookieCipher.unknownKid(List.of(K1), sealed)).isFalse();
    }

    @Test
    @DisplayName("CONTRACT §5: malformed input never throws: empty, not base64url, too short, wrong version, flipped bits, too long")
    void malformedInput_isInvalid() {
        String sealed = CookieCipher.seal(K1, AAD, "value", NOW.plusSeconds(60));
        byte[] bytes = Base64.getUrlDecoder().decode(sealed);
        byte[] version = bytes.clone();
        version[0] = 2;
        byte[] flipped = bytes.clone();
        flipped[bytes.length - 1] ^= 1;
        for (String bad : new String[] {null, "", "!!!", "a", sealed.substring(0, 20), b64(version), b64(flipped),
            sealed + "A", "A".repeat(9000), sealed.substring(0, sealed.length() - 1) + "+"}) {
            assertThat(CookieCipher.read(List.of(K1), AAD, bad, NOW)).as(String.valueOf(bad))
                    .isInstanceOf(CookieCipher.Opened.Invalid.class);
            assertThat(CookieCipher.unknownKid(List.of(K2), bad)).as(String.valueOf(bad)).isIn(true, false);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
