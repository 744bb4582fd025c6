package dev.tessera.keys;

import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** Storage of each tenant's signing keys. */
public interface KeySetRepository {
    /** Every key of the tenant still stored (next, active, retired). */
    List<SigningKey> list(TenantId tenant);

    void insert(TenantId tenant, SigningKey key);

    /**
     * Atomically: the active key {@code retireKid} becomes RETIRED until {@code publishUntil}, the
     * key {@code activateKid} becomes ACTIVE, and {@code newNext} is inserted as NEXT. Returns false
     * (changing nothing) if {@code retireKid} is no longer the active key, e.g. another node rotated first.
     */
    boolean rotate(TenantId tenant, String retireKid, Instant publishUntil, String activateKid,
                   SigningKey newNext, Instant now);

    /** Removes retired keys whose publication period ended; returns how many. */
    int purgeRetired(TenantId tenant, Instant now);

    /** Tenants whose active key was activated before {@code activatedBefore}. */
    List<TenantId> dueForRotation(Instant activatedBefore, int limit);
}
