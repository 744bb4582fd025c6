package dev.tessera.token;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable values (tokens, secrets, ids) from a per-thread DRBG, so issuance never contends on one lock. */
public final class RandomValues {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private RandomValues() {}

    /** {@code bytes} random bytes, base64url without padding. */
    public static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.get().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
