package dev.tessera.token;

import dev.tessera.tenant.TenantId;
import java.time.Instant;

/** The revocation list of JWT access tokens, by {@code jti}, kept until each token would have expired. */
public interface RevokedJwtRepository {
    /** Returns false if the jti was already revoked. */
    boolean revoke(TenantId tenant, String jti, Instant expiresAt, Instant now);

    boolean isRevoked(TenantId tenant, String jti);

    /** Remembers that a JWT access token belongs to a grant family (code and refresh grants). */
    void recordGrant(TenantId tenant, String jti, String grantId, Instant expiresAt);

    /** Puts every unexpired JWT access token of the family on the revocation list; returns how many. */
    int revokeGrant(TenantId tenant, String grantId, Instant now);

    /** Maintenance across tenants: forgets entries whose token has expired. */
    int purgeExpired(Instant cutoff, int limit);
}
