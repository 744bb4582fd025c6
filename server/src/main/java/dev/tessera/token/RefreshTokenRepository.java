package dev.tessera.token;

import dev.tessera.tenant.TenantId;
import dev.tessera.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** Storage of refresh tokens; rotation consumes each token atomically, exactly once. */
public interface RefreshTokenRepository {
    void save(TenantId tenant, RefreshTokenRecord token);

    Optional<RefreshTokenRecord> find(TenantId tenant, TokenHash hash);

    /** Marks the token consumed; true for exactly one caller. */
    boolean consume(TenantId tenant, TokenHash hash, Instant now);

    /** Revokes every token of the family; returns how many. */
    int revokeFamily(TenantId tenant, String grantId, Instant now);

    /** Revokes the session-bound (not offline) tokens of a session. */
    int revokeSession(TenantId tenant, String sid, Instant now);

    int revokeUser(TenantId tenant, UserId user, Instant now);

    /** Revokes one token; false if unknown or already revoked. */
    boolean revoke(TenantId tenant, TokenHash hash, Instant now);
}
