package dev.tessera.token;

import dev.tessera.tenant.TenantId;
import java.time.Instant;

/** The revocation list of JWT access tokens, by {@code jti}, kept until each token would have expired. */
public interface RevokedJwtRepository {
    /** Returns false if the jti was already revoked. */
    boolean revoke(TenantId tenant, String jti, Instant expiresAt, Instant now);

    boolean isRevoked(TenantId tenant, String jti);

    /** Maintenance across tenants: forgets entries whose token has expired. */
    int purgeExpired(Instant cutoff, int limit);
}
