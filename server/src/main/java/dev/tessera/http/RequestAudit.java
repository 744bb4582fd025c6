package dev.tessera.http;

import dev.tessera.audit.AuditLog;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit events of one request, emitted by {@link Pipeline} in one place once the endpoint is
 * done: what the endpoint recorded, then, when it failed with an {@link OAuthException}, the failure
 * event its {@link FailurePolicy} makes of it, naming the client the request presented (read once,
 * when the credentials were parsed, whether or not they were then verified).
 */
final class RequestAudit {
    /** One event, as {@link AuditLog#emit} takes it; with an {@code aggregateSource}, as {@link AuditLog#emitAggregated} does. */
    record Event(TenantId tenant, String type, String outcome, ClientId clientId, String subject, Map<String, String> details,
                 String aggregateSource) {
        Event(TenantId tenant, String type, String outcome, ClientId clientId, String subject, Map<String, String> details) {
            this(tenant, type, outcome, clientId, subject, details, null);
        }
    }

    /** Turns a failure into its audit event, or null when the failure is not audited. */
    interface FailurePolicy {
        Event onFailure(OAuthException failure, ClientId presented);
    }

    private List<Event> events = List.of();
    private FailurePolicy failurePolicy;
    private ClientId presented;

    void record(TenantId tenant, String type, String outcome, ClientId clientId, String subject, Map<String, String> details) {
        if (events.isEmpty()) events = new ArrayList<>(2);
        events.add(new Event(tenant, type, outcome, clientId, subject, details));
    }

    /** The event of a client refused for repeated wrong secrets (429): counted per source and window. */
    static Event throttledClient(TenantId tenant, ClientId presented, String source, String endpoint) {
        return new Event(tenant, "client.authentication_throttled", dev.tessera.audit.AuditEvent.FAILURE, presented, null,
                Map.of("endpoint", endpoint, "error", "invalid_client"), source);
    }

    /** A refusal the sender can repeat at will: counted per source and window rather than stored each time. */
    void recordAggregated(TenantId tenant, String type, String outcome, ClientId clientId, String source, Map<String, String> details) {
        if (events.isEmpty()) events = new ArrayList<>(2);
        events.add(new Event(tenant, type, outcome, clientId, null, details, source));
    }

    /** From here on, a failure of the request is audited by {@code policy}. */
    void onFailure(FailurePolicy policy) {
        this.failurePolicy = policy;
    }

    /** The client the request says it is (before or without verification), for failure events. */
    void presented(ClientId clientId) {
        this.presented = clientId;
    }

    ClientId presented() {
        return presented;
    }

    int size() {
        return events.size();
    }

    /** Emits the recorded events and, for a failed request, its failure event. */
    void emit(AuditLog log, OAuthException failure) {
        for (Event e : events) emit(log, e);
        if (failure != null && failurePolicy != null) {
            Event e = failurePolicy.onFailure(failure, presented);
            if (e != null) emit(log, e);
        }
    }

    private static void emit(AuditLog log, Event e) {
        if (e.aggregateSource() != null) {
            log.emitAggregated(e.tenant(), e.type(), e.outcome(), e.clientId(), e.aggregateSource(), e.details());
        } else {
            log.emit(e.tenant(), e.type(), e.outcome(), e.clientId(), e.subject(), e.details());
        }
    }
}
