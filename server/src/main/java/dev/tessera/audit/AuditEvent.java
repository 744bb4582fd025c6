package dev.tessera.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One identity event. {@code details} never holds a secret or token value (hashes and ids only).
 * {@code id} is null until stored.
 */
public record AuditEvent(Long id, String tenant, Instant occurredAt, String type, String outcome,
                         String clientId, String subject, String correlationId, Map<String, String> details) {
    public AuditEvent {
        details = Map.copyOf(details);
    }

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
}
