package dev.tessera.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces the raw bytes (request line, headers, body) of the next request. Called from the
 * selector threads, so implementations must be thread-safe; returned arrays are never modified.
 */
@FunctionalInterface
interface RequestFactory {
    byte[] next();

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
