package dev.tessera.audit;

import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/** Storage of audit events: append-only, read per tenant in time order. */
public interface AuditRepository {
    void append(List<AuditEvent> events);

    /** Events of the tenant at or after {@code since}, oldest first, after event id {@code afterId} (0 for none). */
    List<AuditEvent> list(TenantId tenant, Instant since, long afterId, int limit);
}
