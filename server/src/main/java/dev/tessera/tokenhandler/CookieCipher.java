package dev.tessera.tokenhandler;

import dev.tessera.tenant.TenantId;
import dev.tessera.keys.RandomValues;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals token-handler cookie values with AES-256-GCM. A sealed value is base64url (no padding) of
 * {@code version(1) | kid(8) | iv(12) | ciphertext | tag(16)}, where the plaintext is the value's expiry
 * (epoch seconds, 8 bytes) followed by the value in UTF-8. The associated data names tenant, app and
 * cookie name, so a cookie moved to another name, app or tenant fails authentication.
 * Spec: CONTRACT §6.2; NIST SP 800-38D (96-bit random IVs, 128-bit tags).
 */
public final class CookieCipher {
    static final byte VERSION = 1;
    static final int KID_BYTES = 8;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + KID_BYTES + IV_BYTES;
    private static final int MIN_BYTES = HEADER + Long.BYTES + TAG_BITS / 8;
    /** Larger cookie values are refused before decoding (browsers keep at most about 4 KB per cookie). */
    static final int MAX_SEALED_CHARS = 8192;

    /** A usable key: its id, the AES key, and until when it may decrypt (null: the current key, which also encrypts). */
    public record CipherKey(String kid, SecretKey key, Instant expiresAt) {
        public boolean usableAt(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    private CookieCipher() {}

    /** The associated data binding a cookie to its tenant, app and name. */
    public static String associatedData(TenantId tenant, TokenHandlerAppId app, String cookieName) {
        return "tessera/token-handler-cookie/v1/" + tenant.value() + "/" + app.value() + "/" + cookieName;
    }

    public static String seal(CipherKey key, String associatedData, String value, Instant expiresAt) {
        byte[] kid = Base64.getUrlDecoder().decode(key.kid());
        byte[] iv = Base64.getUrlDecoder().decode(RandomValues.token(IV_BYTES));
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(Long.BYTES + text.length).putLong(expiresAt.getEpochSecond()).put(text);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.array());
            ByteBuffer out = ByteBuffer.allocate(HEADER + sealed.length).put(VERSION).put(kid).put(iv).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** What opening a cookie found: its value; an authentic value past its expiry; or nothing usable. */
    public sealed interface Opened permits Opened.Value, Opened.Expired, Opened.Invalid {
        record Value(String value) implements Opened {}

        /** Authentic, but its lifetime is over (the browser should have dropped it already). */
        record Expired() implements Opened {}

        /** Malformed, tampered, sealed for another name, app or tenant, or under a key no longer held. */
        record Invalid() implements Opened {}

        default Optional<String> usable() {
            return this instanceof Value v ? Optional.of(v.value()) : Optional.empty();
        }
    }

    /**
     * The value of a sealed cookie, if one of {@code keys} usable at {@code now} opens it, the associated
     * data matches and the value has not expired; empty for anything else, malformed input included.
     */
    public static Optional<String> open(List<CipherKey> keys, String associatedData, String sealed, Instant now) {
        return read(keys, associatedData, sealed, now).usable();
    }

    public static Opened read(List<CipherKey> keys, String associatedData, String sealed, Instant now) {
        Opened invalid = new Opened.Invalid();
        if (sealed == null || sealed.isEmpty() || sealed.length() > MAX_SEALED_CHARS) return invalid;
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            return invalid;
        }
        if (in.length < MIN_BYTES || in[0] != VERSION) return invalid;
        String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(in, 1, 1 + KID_BYTES));
        CipherKey key = keys.stream().filter(k -> k.kid().equals(kid) && k.usableAt(now)).findFirst().orElse(null);
        if (key == null) return invalid;
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, in, 1 + KID_BYTES, IV_BYTES));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            plain = c.doFinal(in, HEADER, in.length - HEADER);
        } catch (GeneralSecurityException e) {
            return invalid;                                  // wrong key, tampered bytes or another cookie's AAD
        }
        ByteBuffer b = ByteBuffer.wrap(plain);
        if (!now.isBefore(Instant.ofEpochSecond(b.getLong()))) return new Opened.Expired();
        try {
            return new Opened.Value(StandardCharsets.UTF_8.newDecoder().decode(b).toString());
        } catch (CharacterCodingException e) {
            return invalid;
        }
    }

    /** Does {@code sealed} name a key id the caller does not hold? (Then another node may have rotated the keys.) */
    static boolean unknownKid(List<CipherKey> keys, String sealed) {
        if (sealed == null || sealed.isEmpty() || sealed.length() > MAX_SEALED_CHARS) return false;
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            if (in.length < MIN_BYTES || in[0] != VERSION) return false;
            String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(in, 1, 1 + KID_BYTES));
            return keys.stream().noneMatch(k -> k.kid().equals(kid));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
