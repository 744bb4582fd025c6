package dev.tessera.audit;

import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import net.minidev.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The single emitter of audit events: a JSON line on the {@code tessera.audit} logger at once, and a
 * row in storage written in batches by one background thread, so the token path never waits on it.
 */
public final class AuditLog implements AutoCloseable {
    private static final Logger AUDIT = LoggerFactory.getLogger("tessera.audit");
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private final AuditRepository repository;
    private final Clock clock;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicLong enqueued = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong handled = new java.util.concurrent.atomic.AtomicLong();
    private final Object progress = new Object();

    public AuditLog(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.writer = new Thread(this::drainLoop, "tessera-audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public void emit(TenantId tenant, String type, String outcome, ClientId clientId, String subject,
                     Map<String, String> details) {
        String correlationId = MDC.get("correlation_id");
        AuditEvent event = new AuditEvent(null, tenant == null ? "-" : tenant.value(), clock.instant(), type, outcome,
                clientId == null ? null : clientId.value(), subject, correlationId, details);
        if (AUDIT.isInfoEnabled()) {
            JSONObject json = new JSONObject();
            json.put("event", type);
            json.put("outcome", outcome);
            json.put("tenant", event.tenant());
            if (event.clientId() != null) json.put("client_id", event.clientId());
            if (subject != null) json.put("subject", subject);
            if (!details.isEmpty()) json.put("details", new LinkedHashMap<>(details));
            AUDIT.info(json.toJSONString());
        }
        if (queue.offer(event)) {
            enqueued.incrementAndGet();
        } else {
            LOG.warn("Audit queue full: event {} of tenant {} kept in the log only", type, event.tenant());
        }
    }

    private void drainLoop() {
        List<AuditEvent> batch = new ArrayList<>(512);
        while (running || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, 511);
                repository.append(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Could not store {} audit events", batch.size(), e);
            } finally {
                handled.addAndGet(batch.size());
                batch.clear();
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        }
    }

    /** Waits (bounded) until every event emitted so far is stored or dropped (tests, shutdown). */
    public void flush() {
        long target = enqueued.get();
        long deadline = System.currentTimeMillis() + 10_000;
        synchronized (progress) {
            while (handled.get() < target && System.currentTimeMillis() < deadline) {
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
