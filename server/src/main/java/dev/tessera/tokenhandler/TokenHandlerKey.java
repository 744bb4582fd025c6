package dev.tessera.tokenhandler;

import java.time.Instant;

/**
 * A cookie-encryption key of a token-handler app as stored: the AES-256 key encrypted under the master
 * key. {@code expiresAt} is null for the current key (which encrypts); a rotated-out key only decrypts,
 * until {@code expiresAt}.
 */
public record TokenHandlerKey(String kid, String encryptedKey, Instant createdAt, Instant expiresAt) {
    public boolean isCurrent() {
        return expiresAt == null;
    }

    public boolean usableAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
