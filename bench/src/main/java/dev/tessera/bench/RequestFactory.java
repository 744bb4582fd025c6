package dev.tessera.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces the raw bytes (request line, headers, body) of the next request. A factory is either
 * shared by all connections (then it must be thread-safe, as the selector threads call it
 * concurrently) or owned by one connection (see {@link LoadGenerator#run(LoadConfig,
 * java.util.function.IntFunction, ResponseCheck)}; then only that connection's selector thread
 * calls it, strictly alternating {@link #next()} and {@link #answered}). Returned arrays are never
 * modified.
 */
@FunctionalInterface
interface RequestFactory {
    byte[] next();

    /**
     * The outcome of the request last returned by {@link #next()}, for factories whose next request
     * depends on the previous answer (such as a rotating refresh token). Called for every request,
     * also during warm-up and after the measured window. {@code status} is 0 when no complete answer
     * arrived (I/O error); {@code body} then is null. Otherwise {@code body} holds the first
     * {@code bodyLength} bytes of the body, at most {@link #captureLimit()} of them.
     */
    default void answered(int status, byte[] body, int bodyLength) {
    }

    /** How many body bytes {@link #answered} needs to see (0: none). */
    default int captureLimit() {
        return 0;
    }

    /** Always the same request. */
    static RequestFactory constant(byte[] request) {
        return () -> request;
    }

    /** Cycles through prebuilt requests (e.g. one per token). */
    static RequestFactory roundRobin(byte[][] requests) {
        if (requests.length == 0) {
            throw new IllegalArgumentException("no requests");
        }
        AtomicLong counter = new AtomicLong();
        return () -> requests[(int) (counter.getAndIncrement() % requests.length)];
    }
}
