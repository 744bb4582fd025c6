package dev.tessera.token;

import java.time.Instant;

/** An opaque access token as stored: its keyed hash, never its value. {@code revokedAt} null while valid. */
public record AccessTokenRecord(TokenHash hash, TokenClaims claims, String grantId, Instant revokedAt) {
    public boolean isActiveAt(Instant now) {
        return revokedAt == null && claims.expiresAt().isAfter(now);
    }
}
