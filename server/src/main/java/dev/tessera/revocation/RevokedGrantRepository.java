package dev.tessera.revocation;

import dev.tessera.tenant.TenantId;
import java.time.Instant;

/**
 * Durable markers of revoked grant families, read by issuers after they stored new tokens of a family
 * (see {@link GrantRevocation}). Every node sees every marker: the check does not depend on caches.
 */
public interface RevokedGrantRepository {
    /** Records that the family is revoked, kept until {@code keepUntil}; false if it already was (the first time stays). */
    boolean markRevoked(TenantId tenant, String grantId, Instant now, Instant keepUntil);

    boolean isRevoked(TenantId tenant, String grantId);

    /** Maintenance across tenants: forgets markers kept until before {@code cutoff}, at most {@code limit}. */
    int purgeExpired(Instant cutoff, int limit);
}
