package dev.tessera.keys;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable values (tokens, secrets, ids, signature nonces) from a per-thread DRBG. The JDK's
 * default SecureRandom (NativePRNG) serialises every caller on one lock; under load, request threads
 * queued there for milliseconds, so nothing on a request path may use it.
 */
public final class RandomValues {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomValues::newDrbg);

    /** A SecureRandom for JCA operations (ECDSA nonces, RSA-PSS salts) that draws from the calling thread's DRBG. */
    public static final SecureRandom PER_THREAD = new PerThread();

    private RandomValues() {}

    /** {@code bytes} random bytes, base64url without padding. */
    public static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.get().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static SecureRandom newDrbg() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private static final class PerThread extends SecureRandom {
        private static final long serialVersionUID = 1L;

        PerThread() {
            super(new byte[0]);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            RANDOM.get().nextBytes(bytes);
        }

        @Override
        public byte[] generateSeed(int numBytes) {
            return RANDOM.get().generateSeed(numBytes);
        }

        @Override
        public void setSeed(long seed) {
            // seeding is the DRBGs' own business (called once by the SecureRandom constructor)
        }

        @Override
        public String getAlgorithm() {
            return "DRBG (per thread)";
        }
    }
}
