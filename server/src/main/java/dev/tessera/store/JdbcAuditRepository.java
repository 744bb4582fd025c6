package dev.tessera.store;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditRepository;
import dev.tessera.tenant.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONObject;

public final class JdbcAuditRepository implements AuditRepository {
    private final Jdbc jdbc;

    public JdbcAuditRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void append(List<AuditEvent> events) {
        if (events.isEmpty()) return;
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_events (tenant_id, occurred_at, event_type, "
                    + "outcome, client_id, subject, correlation_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (AuditEvent e : events) {
                    Jdbc.bind(ps, e.tenant(), e.occurredAt().toEpochMilli(), e.type(), e.outcome(), e.clientId(),
                            e.subject(), e.correlationId(), new JSONObject(new HashMap<>(e.details())).toJSONString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Pages by the list order (occurred_at, id): "after afterId" means after that event in this order.
     * Ids follow append order, which may differ from occurred_at order (events are stamped before they
     * are queued), so {@code id > afterId} alone would skip events. An id unknown to the tenant falls
     * back to {@code id > afterId}.
     */
    @Override
    public List<AuditEvent> list(TenantId tenant, Instant since, long afterId, int limit) {
        Long cursorAt = afterId <= 0 ? null : jdbc.queryOne("SELECT occurred_at FROM audit_events WHERE tenant_id = ? AND id = ?",
                rs -> rs.getLong(1), tenant.value(), afterId).orElse(null);
        String select = "SELECT id, tenant_id, occurred_at, event_type, outcome, client_id, subject, correlation_id, details "
                + "FROM audit_events WHERE tenant_id = ? AND occurred_at >= ? AND ";
        String page = " ORDER BY occurred_at, id FETCH FIRST " + Math.max(1, Math.min(limit, 1000)) + " ROWS ONLY";
        return cursorAt == null
                ? jdbc.query(select + "id > ?" + page, JdbcAuditRepository::map, tenant.value(), since.toEpochMilli(), afterId)
                : jdbc.query(select + "(occurred_at > ? OR (occurred_at = ? AND id > ?))" + page, JdbcAuditRepository::map,
                        tenant.value(), since.toEpochMilli(), cursorAt, cursorAt, afterId);
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
