package dev.tessera.audit;

import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * waits for it. Refusals that unauthenticated traffic can repeat at will go through
 * {@link #emitAggregated}: at most two rows per (tenant, type, source) and window (issue 9 item 7).
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

    /** The window of {@link #emitAggregated}. */
    public static final long AGGREGATE_WINDOW_MILLIS = 60_000;
    /** Open windows beyond this many share one window per (tenant, type), source {@code "*"}. */
    static final int MAX_OPEN_WINDOWS = 10_000;

    private final Sink sink;
    private final Clock clock;
    /** Open aggregation windows, oldest first; guarded by itself. */
    private final Map<WindowKey, Window> windows = new LinkedHashMap<>();

    private record WindowKey(TenantId tenant, String type, String source) {}

    private static final class Window {
        final Instant start;
        final String outcome;
        final ClientId clientId;
        int repeats;

        Window(Instant start, String outcome, ClientId clientId) {
            this.start = start;
            this.outcome = outcome;
            this.clientId = clientId;
        }
    }

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

    /**
     * A refusal that may repeat at the sender's will (a throttled sign-in, a refused client secret):
     * the first of a window of {@link #AGGREGATE_WINDOW_MILLIS} per (tenant, type, source) is emitted
     * at once with {@code source} added to its details; the rest are counted, and one row with
     * {@code count} (the repeats) and {@code windowStart} is emitted when the window has closed.
     */
    public void emitAggregated(TenantId tenant, String type, String outcome, ClientId clientId, String source,
                               Map<String, String> details) {
        Instant now = clock.instant();
        closeWindows(now);
        boolean first;
        String shownSource = source;
        synchronized (windows) {
            WindowKey key = new WindowKey(tenant, type, source);
            if (!windows.containsKey(key) && windows.size() >= MAX_OPEN_WINDOWS) {
                key = new WindowKey(tenant, type, "*");
                shownSource = "*";
            }
            Window w = windows.get(key);
            first = w == null;
            if (first) windows.put(key, new Window(now, outcome, clientId));
            else w.repeats++;
        }
        if (first) {
            Map<String, String> d = new HashMap<>(details);
            d.put("source", shownSource);
            emit(tenant, type, outcome, clientId, null, d);
        }
    }

    /** Emits the count of every aggregation window that has closed (the maintenance job calls it every minute). */
    public void closeAggregates() {
        closeWindows(clock.instant());
    }

    private void closeWindows(Instant now) {
        List<Map.Entry<WindowKey, Window>> closed = new ArrayList<>(0);
        synchronized (windows) {
            for (Iterator<Map.Entry<WindowKey, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<WindowKey, Window> e = it.next();
                if (e.getValue().start.toEpochMilli() + AGGREGATE_WINDOW_MILLIS > now.toEpochMilli()) break;   // oldest first
                it.remove();
                if (e.getValue().repeats > 0) closed.add(e);
            }
        }
        for (Map.Entry<WindowKey, Window> e : closed) {
            Window w = e.getValue();
            emit(e.getKey().tenant(), e.getKey().type(), w.outcome, w.clientId, null, Map.of("source", e.getKey().source(),
                    "count", Integer.toString(w.repeats), "windowStart", w.start.toString()));
        }
    }

    /** Waits (bounded) until every event emitted so far is stored (admin reads, tests, shutdown). */
    public void flush() {
        closeWindows(clock.instant());
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
