package dev.tessera.authorize;

import dev.tessera.tenant.TenantId;
import java.time.Instant;

/** Failed sign-in counters, for throttling: per (account, source) pair, per source address and per account. Keys hold hashes of user names, never the text. */
public interface SignInFailureRepository {
    record Failures(int count, Instant lockedUntil) {}

    Failures get(TenantId tenant, String key);

    /** Records a failure and the new lock; returns the new count. */
    int recordFailure(TenantId tenant, String key, Instant now, Instant lockedUntil);

    void clear(TenantId tenant, String key);

    /** Deletes up to {@code limit} counters of every tenant whose wait ended before {@code cutoff}; returns how many. */
    int purgeForgotten(Instant cutoff, int limit);
}
