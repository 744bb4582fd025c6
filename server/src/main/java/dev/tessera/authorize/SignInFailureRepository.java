package dev.tessera.authorize;

import dev.tessera.tenant.TenantId;
import java.time.Instant;

/** Failed sign-in counters per account and per client address, for throttling. */
public interface SignInFailureRepository {
    record Failures(int count, Instant lockedUntil) {}

    Failures get(TenantId tenant, String key);

    /** Records a failure and the new lock; returns the new count. */
    int recordFailure(TenantId tenant, String key, Instant now, Instant lockedUntil);

    void clear(TenantId tenant, String key);
}
