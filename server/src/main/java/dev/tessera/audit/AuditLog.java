package dev.tessera.audit;

import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The single emitter of audit events: a structured JSON line on the {@code tessera.audit} logger at
 * once, and a row in storage written in batches by a background writer, so the token path never
 * waits for it.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger AUDIT = LoggerFactory.getLogger("tessera.audit");
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    /** Where rows go: a batching writer that accepts events without blocking. */
    public interface Sink extends AutoCloseable {
        /** Queues the event; false if it had to be dropped (queue full). */
        boolean offer(AuditEvent event);

        int pending();

        @Override
        void close();
    }

    private final Sink sink;
    private final Clock clock;

    public AuditLog(Sink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    public void emit(TenantId tenant, String type, String outcome, ClientId clientId, String subject,
                     Map<String, String> details) {
        AuditEvent event = new AuditEvent(null, tenant == null ? "-" : tenant.value(), clock.instant(), type, outcome,
                clientId == null ? null : clientId.value(), subject, MDC.get("correlation_id"), details);
        if (AUDIT.isInfoEnabled()) {
            LoggingEventBuilder b = AUDIT.atInfo().addKeyValue("event", type).addKeyValue("outcome", outcome)
                    .addKeyValue("tenant", event.tenant());
            if (event.clientId() != null) b = b.addKeyValue("client_id", event.clientId());
            if (subject != null) b = b.addKeyValue("subject", subject);
            for (Map.Entry<String, String> d : details.entrySet()) b = b.addKeyValue(d.getKey(), d.getValue());
            b.log("audit {}", type);
        }
        if (!sink.offer(event)) {
            LOG.warn("Audit write queue full: event {} of tenant {} kept in the log only", type, event.tenant());
        }
    }

    /** Waits (bounded) until every event emitted so far is stored (admin reads, tests, shutdown). */
    public void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.pending() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
        }
    }

    @Override
    public void close() {
        flush();
        sink.close();
    }
}
