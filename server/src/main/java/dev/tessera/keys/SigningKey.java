package dev.tessera.keys;

import java.time.Instant;

/** A stored signing key. The private part is encrypted under the master key. */
public record SigningKey(String kid, String alg, KeyState state, String publicJwk, String privateJwkEncrypted,
                         Instant createdAt, Instant activatedAt, Instant retiredAt, Instant publishUntil) {

    public SigningKey withState(KeyState newState, Instant activated, Instant retired, Instant until) {
        return new SigningKey(kid, alg, newState, publicJwk, privateJwkEncrypted, createdAt, activated, retired, until);
    }
}
