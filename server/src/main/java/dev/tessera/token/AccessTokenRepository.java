package dev.tessera.token;

import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Storage of opaque access tokens (JWT access tokens are not stored). */
public interface AccessTokenRepository {
    void save(TenantId tenant, AccessTokenRecord token);

    Optional<AccessTokenRecord> find(TenantId tenant, TokenHash hash);

    /** Marks the token revoked; returns false if it is unknown or already revoked. */
    boolean revoke(TenantId tenant, TokenHash hash, Instant now);

    /** Revokes every token of a grant family; returns how many. */
    int revokeGrant(TenantId tenant, String grantId, Instant now);

    /** Maintenance across tenants: deletes tokens expired before {@code cutoff}, at most {@code limit}. */
    int purgeExpired(Instant cutoff, int limit);
}
