package dev.tessera.http;

import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.user.HashingGate;
import java.util.Map;

/**
 * Bounds the browser interactions (authorize, sign-in, consent) running at once (as many as password checks),
 * so that a flood of them (sealing, page rendering and password checks for attackers on ever new
 * addresses, which no per-source budget stops) keeps to its share and machine endpoints such as
 * the token endpoint keep theirs (issue 9 item 6; bench {@code signin-attack}). Beyond the queue
 * the answer is a 503 "try again" page with {@code Retry-After: 1}. Spec: RFC 9110 §15.6.4.
 */
final class BrowserLane {
    /**
     * Interactions that may wait, blocked (no CPU), for their turn: a closed-loop flood then waits
     * instead of retrying at once; well below Jetty's 250 threads, so machine endpoints keep theirs.
     */
    public static final int QUEUE = 64;

    private final HashingGate gate;
    private final TenantDirectory tenants;
    private final PageWriter pages = new PageWriter();

    /** @param gate {@code TESSERA_PASSWORD_HASH_CONCURRENCY} permits, {@link #QUEUE} waiting, each at most 2 s */
    BrowserLane(HashingGate gate, TenantDirectory tenants) {
        this.gate = gate;
        this.tenants = tenants;
    }

    Endpoint wrap(Endpoint endpoint) {
        return x -> {
            x.readBodyAhead(Requests.MAX_FORM_BYTES);   // a slow sender must not hold a permit while it trickles
            if (gate.check(() -> {
                endpoint.handle(x);
                return true;
            }) == HashingGate.Outcome.BUSY) {
                busy(x);
            }
        };
    }

    private void busy(Exchange x) {
        Tenant tenant = tenants.require(x.pathParam("tenant"));
        x.header("Retry-After", "1");
        pages.render(x, 503, "message", Map.of("tenantName", tenant.settings().displayName(), "title", "Busy",
                "message", "The server is busy. Please try again in a moment.", "alert", true), null);
    }
}
