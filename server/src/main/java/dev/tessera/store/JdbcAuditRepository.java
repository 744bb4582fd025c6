package dev.tessera.store;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditRepository;
import dev.tessera.protocol.JsonStrings;
import dev.tessera.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audit events in segments: each append stores a tenant's events in rows of at most
 * {@link #SEGMENT_EVENTS} events spanning at most {@link #SEGMENT_SPAN_MS}, as one JSON array. One row
 * per event cost about as much database CPU as the request it recorded. An event's id is its
 * segment's id × 4096 plus its position, so ids grow in append order. Rows of {@code audit_events}
 * (one per event, written before segments existed and by the previous release during a rolling
 * upgrade) are read as well; their ids are all smaller than 2^32, segment event ids all larger.
 */
public final class JdbcAuditRepository implements AuditRepository {
    static final int SEGMENT_EVENTS = 256;
    /** Every event of a segment lies within this span, which bounds the scan for a time range. */
    static final long SEGMENT_SPAN_MS = 60_000;
    private static final int MAX_SEGMENT_CHARS = 900_000;
    private static final int POSITION_BITS = 12;
    private static final long FIRST_SEGMENT_EVENT_ID = 1L << 32;
    private static final Comparator<AuditEvent> ORDER = Comparator.comparing(AuditEvent::occurredAt)
            .thenComparing(AuditEvent::id);

    private final Jdbc jdbc;

    public JdbcAuditRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(List<AuditEvent> events) {
        if (events.isEmpty()) return;
        Map<String, List<AuditEvent>> byTenant = new LinkedHashMap<>();
        for (AuditEvent e : events) byTenant.computeIfAbsent(e.tenant(), k -> new ArrayList<>()).add(e);
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_segments (tenant_id, first_at, last_at, "
                    + "event_count, events) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, List<AuditEvent>> t : byTenant.entrySet()) {
                    Segment s = new Segment();
                    for (AuditEvent e : t.getValue()) {
                        String json = encode(e);
                        if (!s.accepts(e, json)) {
                            s.bind(ps, t.getKey());
                            ps.addBatch();
                            s = new Segment();
                        }
                        s.add(e, json);
                    }
                    s.bind(ps, t.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<TenantId> tenantsWithEventsBefore(Instant before) {
        long at = before.toEpochMilli();
        java.util.Set<String> ids = new java.util.TreeSet<>(jdbc.query("SELECT DISTINCT tenant_id FROM audit_segments WHERE first_at < ?",
                rs -> rs.getString(1), at));
        ids.addAll(jdbc.query("SELECT DISTINCT tenant_id FROM audit_events WHERE occurred_at < ?", rs -> rs.getString(1), at));
        return ids.stream().filter(TenantId::isValid).map(TenantId::new).toList();
    }

    @Override
    public int purgeBefore(TenantId tenant, Instant before, int limit) {
        long at = before.toEpochMilli();
        int n = Math.max(1, limit);
        int segments = jdbc.update("DELETE FROM audit_segments WHERE id IN (SELECT id FROM audit_segments WHERE tenant_id = ? "
                + "AND first_at < ? AND last_at < ? FETCH FIRST " + n + " ROWS ONLY)", tenant.value(), at, at);
        int legacy = jdbc.update("DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE tenant_id = ? "
                + "AND occurred_at < ? FETCH FIRST " + n + " ROWS ONLY)", tenant.value(), at);
        return segments + legacy;
    }

    /** Events of one tenant on their way into one row. */
    private static final class Segment {
        private final StringBuilder json = new StringBuilder(4096).append('[');
        private int count;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;

        boolean accepts(AuditEvent e, String encoded) {
            long at = e.occurredAt().toEpochMilli();
            return count == 0 || (count < SEGMENT_EVENTS && json.length() + encoded.length() + 2 <= MAX_SEGMENT_CHARS
                    && Math.max(last, at) - Math.min(first, at) <= SEGMENT_SPAN_MS);
        }

        void add(AuditEvent e, String encoded) {
            long at = e.occurredAt().toEpochMilli();
            if (count++ > 0) json.append(',');
            json.append(encoded);
            first = Math.min(first, at);
            last = Math.max(last, at);
        }

        void bind(PreparedStatement ps, String tenant) throws SQLException {
            Jdbc.bind(ps, tenant, first, last, count, json.toString() + "]");
        }
    }

    /** Compact members; the tenant and the id follow from the row. */
    private static String encode(AuditEvent e) {
        StringBuilder b = new StringBuilder(256).append("{\"a\":").append(e.occurredAt().toEpochMilli());
        member(b, "t", e.type());
        member(b, "o", e.outcome());
        member(b, "c", e.clientId());
        member(b, "s", e.subject());
        member(b, "r", e.correlationId());
        if (!e.details().isEmpty()) {
            b.append(",\"d\":{");
            boolean first = true;
            for (Map.Entry<String, String> d : e.details().entrySet()) {
                if (!first) b.append(',');
                first = false;
                JsonStrings.quoted(b, d.getKey()).append(':');
                if (d.getValue() == null) b.append("null");
                else JsonStrings.quoted(b, d.getValue());
            }
            b.append('}');
        }
        return b.append('}').toString();
    }

    private static void member(StringBuilder b, String name, String value) {
        if (value == null) return;
        b.append(",\"").append(name).append("\":");
        JsonStrings.quoted(b, value);
    }

    /**
     * Pages by the list order (occurred_at, id): "after afterId" means after that event in this order.
     * Ids follow append order, which may differ from occurred_at order (events are stamped before they
     * are queued), so {@code id > afterId} alone would skip events. An id unknown to the tenant falls
     * back to {@code id > afterId}.
     */
    @Override
    public List<AuditEvent> list(TenantId tenant, Instant since, long afterId, int limit) {
        int max = Math.max(1, Math.min(limit, 1000));
        AuditEvent cursor = afterId <= 0 ? null : find(tenant, afterId);
        Cursor after = cursor != null ? new Cursor(cursor.occurredAt().toEpochMilli(), afterId, false)
                : new Cursor(Long.MIN_VALUE, afterId, true);
        long from = Math.max(since.toEpochMilli(), after.at());
        List<AuditEvent> out = new ArrayList<>(legacy(tenant, since, after, max));
        keepFirst(out, max);
        // segments in (first_at, id) order: once `max` events sort before the next segment's first_at, stop
        long scanAt = from - SEGMENT_SPAN_MS;
        long scanId = Long.MIN_VALUE;
        while (true) {
            List<Decoded> page = jdbc.query("SELECT id, first_at, events FROM audit_segments WHERE tenant_id = ? "
                    + "AND (first_at > ? OR (first_at = ? AND id > ?)) ORDER BY first_at, id FETCH FIRST 32 ROWS ONLY",
                    rs -> new Decoded(rs.getLong("id"), rs.getLong("first_at"), rs.getString("events")),
                    tenant.value(), scanAt, scanAt, scanId);
            for (Decoded d : page) {
                if (out.size() >= max && out.get(max - 1).occurredAt().toEpochMilli() < d.firstAt()) return out;
                for (AuditEvent e : d.events(tenant)) {
                    if (!e.occurredAt().isBefore(since) && after.precedes(e)) out.add(e);
                }
                keepFirst(out, max);
                scanAt = d.firstAt();
                scanId = d.id();
            }
            if (page.size() < 32) break;
        }
        keepFirst(out, max);
        return out;
    }

    /** Sorts and keeps the first {@code max}: later segments only add events, so the rest can never be listed. */
    private static void keepFirst(List<AuditEvent> events, int max) {
        events.sort(ORDER);
        if (events.size() > max) events.subList(max, events.size()).clear();
    }

    /** Where a page starts: after the event at (at, id), or (an id unknown to the tenant) after any smaller id. */
    private record Cursor(long at, long id, boolean byIdOnly) {
        boolean precedes(AuditEvent e) {
            if (byIdOnly) return e.id() > id;
            long t = e.occurredAt().toEpochMilli();
            return t > at || (t == at && e.id() > id);
        }
    }

    private record Decoded(long id, long firstAt, String json) {
        List<AuditEvent> events(TenantId tenant) {
            List<AuditEvent> out = new ArrayList<>();
            try {
                List<Object> items = JSONArrayUtils.parse(json);
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i) instanceof Map<?, ?> m) out.add(decode(tenant, (id << POSITION_BITS) + i, m));
                }
            } catch (java.text.ParseException ignored) {
                // stored segments are always JSON
            }
            return out;
        }
    }

    private static AuditEvent decode(TenantId tenant, long id, Map<?, ?> m) {
        Map<String, String> details = new HashMap<>();
        if (m.get("d") instanceof Map<?, ?> d) d.forEach((k, v) -> details.put(String.valueOf(k), String.valueOf(v)));
        return new AuditEvent(id, tenant.value(), Instant.ofEpochMilli(((Number) m.get("a")).longValue()), (String) m.get("t"),
                (String) m.get("o"), (String) m.get("c"), (String) m.get("s"), (String) m.get("r"), details);
    }

    /** The tenant's event with this id, or null. */
    private AuditEvent find(TenantId tenant, long id) {
        if (id < FIRST_SEGMENT_EVENT_ID) {
            return jdbc.queryOne("SELECT id, tenant_id, occurred_at, event_type, outcome, client_id, subject, correlation_id, "
                    + "details FROM audit_events WHERE tenant_id = ? AND id = ?", JdbcAuditRepository::map, tenant.value(), id)
                    .orElse(null);
        }
        int position = (int) (id & ((1 << POSITION_BITS) - 1));
        return jdbc.queryOne("SELECT id, first_at, events FROM audit_segments WHERE tenant_id = ? AND id = ?",
                        rs -> new Decoded(rs.getLong("id"), rs.getLong("first_at"), rs.getString("events")),
                        tenant.value(), id >>> POSITION_BITS)
                .map(d -> d.events(tenant))
                .filter(events -> position < events.size())
                .map(events -> events.get(position))
                .orElse(null);
    }

    /** Rows of the one-row-per-event table. */
    private List<AuditEvent> legacy(TenantId tenant, Instant since, Cursor after, int max) {
        String select = "SELECT id, tenant_id, occurred_at, event_type, outcome, client_id, subject, correlation_id, details "
                + "FROM audit_events WHERE tenant_id = ? AND occurred_at >= ? AND ";
        String page = " ORDER BY occurred_at, id FETCH FIRST " + max + " ROWS ONLY";
        return after.byIdOnly()
                ? jdbc.query(select + "id > ?" + page, JdbcAuditRepository::map, tenant.value(), since.toEpochMilli(), after.id())
                : jdbc.query(select + "(occurred_at > ? OR (occurred_at = ? AND id > ?))" + page, JdbcAuditRepository::map,
                        tenant.value(), since.toEpochMilli(), after.at(), after.at(), after.id());
    }

    private static AuditEvent map(ResultSet rs) throws SQLException {
        Map<String, String> details = new HashMap<>();
        try {
            JSONObjectUtils.parse(rs.getString("details")).forEach((k, v) -> details.put(k, String.valueOf(v)));
        } catch (java.text.ParseException ignored) {
            // stored details are always JSON
        }
        return new AuditEvent(rs.getLong("id"), rs.getString("tenant_id"), Instant.ofEpochMilli(rs.getLong("occurred_at")),
                rs.getString("event_type"), rs.getString("outcome"), rs.getString("client_id"),
                rs.getString("subject"), rs.getString("correlation_id"), details);
    }
}
