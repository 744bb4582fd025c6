package dev.tessera.session;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHash;
import dev.tessera.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** Storage of browser sessions. */
public interface SessionRepository {
    void insert(TenantId tenant, Session session);

    Optional<Session> find(TenantId tenant, TokenHash hash);

    Optional<Session> findBySid(TenantId tenant, String sid);

    /** Records activity: new last-seen and idle expiry (only while not ended). */
    void touch(TenantId tenant, TokenHash hash, Instant lastSeen, Instant idleExpiresAt);

    /** Ends the session; false if unknown or already ended. */
    boolean end(TenantId tenant, String sid, Instant now);

    /** Ends every session of the user (deactivation, deletion); returns how many. */
    int endAllOf(TenantId tenant, UserId user, Instant now);
}
