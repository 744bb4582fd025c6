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

    /**
     * A new sign-in of the session's user (OIDC Core §3.1.2.1 prompt=login, max_age): the session keeps
     * its sid but is known by a new cookie hash from now on (the old cookie no longer finds it), with the
     * new auth_time, amr and acr and a new idle expiry. False (and nothing changed) if unknown or ended.
     */
    boolean reauthenticate(TenantId tenant, String sid, TokenHash newHash, Instant authTime, String amr, String acr,
                           Instant idleExpiresAt);

    /** Ends the session; false if unknown or already ended. */
    boolean end(TenantId tenant, String sid, Instant now);

    /** Ends every session of the user (deactivation, deletion); returns how many. */
    int endAllOf(TenantId tenant, UserId user, Instant now);
}
