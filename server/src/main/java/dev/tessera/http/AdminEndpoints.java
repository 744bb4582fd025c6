package dev.tessera.http;

import dev.tessera.admin.AdminAuthorizer;
import dev.tessera.admin.TenantAdministration;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.audit.AuditRepository;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin API: tenants, key rotation, audit events. Errors are RFC 9457 problems. Spec: CONTRACT §3, §7. */
final class AdminEndpoints {
    private static final Instant MAX_SINCE = Instant.parse("9999-12-31T23:59:59.999Z");

    private final AdminAuthorizer authorizer;
    private final TenantAdministration tenants;
    private final AuditRepository auditEvents;
    private final AuditLog audit;
    private final IssuerUrls issuers;

    AdminEndpoints(AdminAuthorizer authorizer, TenantAdministration tenants, AuditRepository auditEvents, AuditLog audit,
                   IssuerUrls issuers) {
        this.authorizer = authorizer;
        this.tenants = tenants;
        this.auditEvents = auditEvents;
        this.audit = audit;
        this.issuers = issuers;
    }

    void authorize(Exchange ctx) {
        try {
            authorizer.require(Requests.bearer(ctx));
        } catch (OAuthException e) {
            ctx.audit().record(TenantId.SYSTEM, "admin.access_denied", AuditEvent.FAILURE, null, null,
                    Map.of("path", ctx.path().length() > 200 ? ctx.path().substring(0, 200) : ctx.path(), "reason", e.description()));
            throw e;
        }
    }

    void putTenant(Exchange ctx) {
        TenantId id = tenantId(ctx);
        authorize(ctx);
        TenantSettings settings = TenantSettings.fromJson(Requests.jsonObject(ctx));
        TenantAdministration.Saved saved = tenants.put(id, settings);
        ResponseWriter.json(ctx, saved.created() ? 201 : 200, view(saved.tenant()));
        if (saved.created()) ctx.header("Location", issuers.publicUrl() + "/admin/v1/tenants/" + id.value());
    }

    void getTenant(Exchange ctx) {
        TenantId id = tenantId(ctx);
        authorize(ctx);
        Tenant t = tenants.find(id).orElseThrow(AdminEndpoints::notFound);
        ResponseWriter.json(ctx, 200, view(t));
    }

    void deleteTenant(Exchange ctx) {
        TenantId id = tenantId(ctx);
        authorize(ctx);
        if (!tenants.delete(id)) throw notFound();
        ctx.status(204);
    }

    void rotateKeys(Exchange ctx) {
        TenantId id = tenantId(ctx);
        authorize(ctx);
        tenants.rotateKeys(id);
        ctx.status(204);
    }

    void auditEvents(Exchange ctx) {
        TenantId id = tenantId(ctx);
        authorize(ctx);
        Instant since = parseSince(single(ctx, "since"));
        int limit = parseInt(single(ctx, "limit"), 100, 1, 1000, "limit");
        long after = parseLong(single(ctx, "after"), "after");
        audit.flush();
        List<AuditEvent> events = auditEvents.list(id, since, after, limit);
        // a tenant that never existed is unknown; a deleted tenant's events stay readable
        if (events.isEmpty() && tenants.find(id).isEmpty() && auditEvents.list(id, Instant.EPOCH, 0, 1).isEmpty()) {
            throw notFound();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        long last = 0;
        for (AuditEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("occurredAt", e.occurredAt().toString());
            m.put("type", e.type());
            m.put("outcome", e.outcome());
            m.put("tenant", e.tenant());
            if (e.clientId() != null) m.put("clientId", e.clientId());
            if (e.subject() != null) m.put("subject", e.subject());
            if (e.correlationId() != null) m.put("correlationId", e.correlationId());
            m.put("details", e.details());
            out.add(m);
            last = e.id();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", out);
        if (out.size() == limit) body.put("next", "/admin/v1/tenants/" + id.value() + "/audit-events?since="
                + since + "&after=" + last + "&limit=" + limit);
        ResponseWriter.json(ctx, 200, body);
    }

    private Map<String, Object> view(Tenant t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().value());
        m.putAll(t.settings().toJson());
        m.put("issuer", issuers.issuer(t.id()));
        m.put("createdAt", t.createdAt().toString());
        m.put("updatedAt", t.updatedAt().toString());
        return m;
    }

    private static TenantId tenantId(Exchange ctx) {
        String raw = ctx.pathParam("tenant");
        if (!TenantId.isValid(raw)) {
            throw new OAuthException(ErrorCode.INVALID_REQUEST, "Tenant ids match [a-z0-9][a-z0-9-]{0,62}");
        }
        return new TenantId(raw);
    }

    /** A query parameter given at most once; a repeat is ambiguous and refused. */
    private static String single(Exchange ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) throw OAuthException.invalidRequest("Query parameter '" + name + "' is repeated");
        return values.isEmpty() ? null : values.get(0);
    }

    private static Instant parseSince(String s) {
        if (s == null || s.isEmpty()) return Instant.EPOCH;
        Instant since;
        try {
            since = Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                since = Instant.ofEpochMilli(Long.parseLong(asciiDigits(s)));
            } catch (NumberFormatException e2) {
                throw OAuthException.invalidRequest("since must be an ISO-8601 instant or epoch milliseconds");
            }
        }
        // stored as epoch milliseconds: earlier instants are meaningless, far later ones overflow
        if (since.isBefore(Instant.EPOCH) || since.isAfter(MAX_SINCE)) {
            throw OAuthException.invalidRequest("since must lie between 1970 and 9999");
        }
        return since;
    }

    private static int parseInt(String s, int dflt, int min, int max, String name) {
        if (s == null || s.isEmpty()) return dflt;
        try {
            int v = Integer.parseInt(asciiDigits(s));
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw OAuthException.invalidRequest(name + " must be an integer between " + min + " and " + max);
        }
    }

    private static long parseLong(String s, String name) {
        if (s == null || s.isEmpty()) return 0;
        try {
            long v = Long.parseLong(asciiDigits(s));
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw OAuthException.invalidRequest(name + " must be a non-negative integer");
        }
    }

    /** The value if it is ASCII digits only: Java's parsers also take a sign and the digits of other scripts. */
    private static String asciiDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') throw new NumberFormatException();
        }
        return s;
    }

    private static OAuthException notFound() {
        return new OAuthException(ErrorCode.NOT_FOUND, "Unknown tenant");
    }
}
