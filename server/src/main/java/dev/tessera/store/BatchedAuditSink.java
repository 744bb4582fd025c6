package dev.tessera.store;

import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.audit.AuditRepository;

/**
 * Audit rows written by a group-commit writer; callers never wait for them. A batch lingers up to
 * 20 ms for more events, so that a segment row holds many events (see {@link JdbcAuditRepository}).
 */
public final class BatchedAuditSink implements AuditLog.Sink {
    private final GroupCommit<AuditEvent> writer;

    public BatchedAuditSink(AuditRepository repository) {
        this.writer = new GroupCommit<>("tessera-audit-writer", 2048, 200_000, 20_000_000L, repository::append);
    }

    @Override
    public boolean offer(AuditEvent event) {
        return writer.offer(event);
    }

    @Override
    public int pending() {
        return writer.pending();
    }

    @Override
    public void close() {
        writer.close();
    }
}
