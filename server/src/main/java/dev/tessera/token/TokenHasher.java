package dev.tessera.token;

import dev.tessera.keys.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 under a key derived from the master key. Used for token values, client secrets and
 * registration tokens: all are ≥ 256 random bits, so a keyed fast hash is as strong as a slow one
 * and keeps authentication off the CPU budget of token issuance.
 */
public final class TokenHasher {
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public TokenHasher(MasterKey master) {
        this.key = new SecretKeySpec(master.derive("tessera/token-hash"), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public TokenHash hash(String value) {
        byte[] h = macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
        return new TokenHash(Base64.getUrlEncoder().withoutPadding().encodeToString(h));
    }

    /** Constant-time comparison of a presented value against a stored hash. */
    public boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) return false;
        return MessageDigest.isEqual(hash(presented).value().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
