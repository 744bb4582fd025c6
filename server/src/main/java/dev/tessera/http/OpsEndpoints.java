package dev.tessera.http;

import dev.tessera.keys.KeyService;
import dev.tessera.tenant.TenantId;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/** Health and metrics. Spec: CONTRACT §1.1. */
final class OpsEndpoints {
    private final java.util.function.BooleanSupplier storageReachable;
    private final KeyService keys;
    private final PrometheusMeterRegistry registry;
    private volatile boolean accepting = true;

    OpsEndpoints(java.util.function.BooleanSupplier storageReachable, KeyService keys, PrometheusMeterRegistry registry) {
        this.storageReachable = storageReachable;
        this.keys = keys;
        this.registry = registry;
    }

    void live(Exchange ctx) {
        ctx.header("Cache-Control", "no-store");
        ResponseWriter.json(ctx, 200, Map.of("status", "UP"));
    }

    void ready(Exchange ctx) {
        ctx.header("Cache-Control", "no-store");
        boolean storage = storageReachable.getAsBoolean();
        boolean keysLoaded;
        try {
            keysLoaded = storage && keys.keys(TenantId.SYSTEM) != null;
        } catch (RuntimeException e) {
            keysLoaded = false;
        }
        boolean ready = accepting && storage && keysLoaded;
        ResponseWriter.json(ctx, ready ? 200 : 503, Map.of("status", ready ? "UP" : "DOWN",
                "checks", Map.of("storage", storage ? "UP" : "DOWN", "keys", keysLoaded ? "UP" : "DOWN",
                        "accepting", accepting ? "UP" : "DOWN")));
    }

    void metrics(Exchange ctx) {
        ctx.result("text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** On SIGTERM: report not ready so load balancers drain this node. */
    void stopAccepting() {
        accepting = false;
    }
}
