package dev.tessera.client;

import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wrong client secrets per (tenant, client) in fixed windows, in this node's memory (each
 * node counts its own; a restart forgets): past {@link #FAILURES_PER_WINDOW} in a window, further
 * wrong secrets are answered 429 with {@code Retry-After} until the window ends (issue 9 item 6).
 * A right secret is never refused, so nobody can lock a client out by knowing its id. Spec: RFC 6749 §10.10; RFC 6585 §4.
 */
final class ClientSecretThrottle {
    static final int FAILURES_PER_WINDOW = 10;
    static final long WINDOW_MILLIS = 60_000;
    /** Beyond this many tracked clients, closed windows are dropped first. */
    private static final int MAX_TRACKED = 10_000;

    private record Key(TenantId tenant, ClientId client) {}

    private record Window(long start, int failures) {}

    private final ConcurrentHashMap<Key, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;

    ClientSecretThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Records a wrong secret; returns the seconds until the window ends when the budget is spent, else 0. */
    long failed(TenantId tenant, ClientId client) {
        long now = clock.millis();
        if (windows.size() >= MAX_TRACKED) windows.values().removeIf(w -> now - w.start() >= WINDOW_MILLIS);
        Window w = windows.compute(new Key(tenant, client), (k, old) ->
                old == null || now - old.start() >= WINDOW_MILLIS ? new Window(now, 1) : new Window(old.start(), old.failures() + 1));
        if (w.failures() <= FAILURES_PER_WINDOW) return 0;
        return Math.max(1, (w.start() + WINDOW_MILLIS - now + 999) / 1000);
    }
}
