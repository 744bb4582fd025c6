package dev.tessera.audit;

import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** Storage of audit events: append-only, read per tenant in time order, deleted only by age (tenant setting {@code auditRetentionDays}). */
public interface AuditRepository {
    void append(List<AuditEvent> events);

    /** Events of the tenant at or after {@code since}, oldest first, after event id {@code afterId} (0 for none). */
    List<AuditEvent> list(TenantId tenant, Instant since, long afterId, int limit);

    /** Tenants with events stored before {@code before}: the candidates of a retention purge. */
    List<TenantId> tenantsWithEventsBefore(Instant before);

    /**
     * Deletes up to about {@code limit} stored rows of the tenant's events older than {@code before};
     * returns how many rows went (0 once none is left). Events are stored in batches spanning at
     * most a minute, and a batch goes once all its events are older.
     */
    int purgeBefore(TenantId tenant, Instant before, int limit);
}
