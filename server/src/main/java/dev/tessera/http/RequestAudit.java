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
    /** One event, as {@link AuditLog#emit} takes it. */
    record Event(TenantId tenant, String type, String outcome, ClientId clientId, String subject, Map<String, String> details) {}

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
        for (Event e : events) log.emit(e.tenant(), e.type(), e.outcome(), e.clientId(), e.subject(), e.details());
        if (failure != null && failurePolicy != null) {
            Event e = failurePolicy.onFailure(failure, presented);
            if (e != null) log.emit(e.tenant(), e.type(), e.outcome(), e.clientId(), e.subject(), e.details());
        }
    }
}
