package dev.tessera.session;

import dev.tessera.token.TokenHash;
import dev.tessera.user.UserId;
import java.time.Instant;

/**
 * A browser sign-in session. The cookie holds a random value; only its keyed hash is stored.
 * {@code sid} is the public session id of ID tokens (OIDC Front-Channel Logout §3).
 */
public record Session(TokenHash hash, String sid, UserId userId, Instant authTime, String amr, String acr,
                      Instant createdAt, Instant lastSeenAt, Instant idleExpiresAt, Instant expiresAt, Instant endedAt) {

    public boolean isActiveAt(Instant now) {
        return endedAt == null && now.isBefore(idleExpiresAt) && now.isBefore(expiresAt);
    }

    public Session touched(Instant now, Instant idleExpires) {
        return new Session(hash, sid, userId, authTime, amr, acr, createdAt, now, idleExpires, expiresAt, endedAt);
    }
}
