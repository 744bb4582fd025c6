package dev.tessera.bench;

import java.net.InetSocketAddress;

/**
 * Load parameters. {@code rate} of 0 means closed loop (each connection sends its next request as
 * soon as the previous answer arrived); {@code maxRequests} of 0 means unbounded (time-bound only).
 */
record LoadConfig(
        InetSocketAddress target,
        int connections,
        int threads,
        long warmupNanos,
        long durationNanos,
        double rate,
        long maxRequests) {

    LoadConfig {
        if (connections < 1 || threads < 1 || warmupNanos < 0 || durationNanos <= 0 || rate < 0 || maxRequests < 0) {
            throw new IllegalArgumentException("invalid load configuration");
        }
        threads = Math.min(threads, connections);
    }
}
