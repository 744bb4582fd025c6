package dev.tessera.http;

import dev.tessera.protocol.ClientId;
import org.slf4j.MDC;

/** Request-scoped log fields (MDC): correlation id, tenant, client id. Never a secret or token. */
final class Logs {
    static final String CORRELATION_ID = "correlation_id";
    static final String TENANT = "tenant";
    static final String CLIENT_ID = "client_id";

    private Logs() {}

    static void client(ClientId id) {
        if (id != null) MDC.put(CLIENT_ID, id.value());
    }
}
