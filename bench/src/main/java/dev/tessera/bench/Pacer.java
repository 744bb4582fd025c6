package dev.tessera.bench;

/** Fixed-rate schedule: the i-th request is intended to start at {@code start + i / rate}. */
final class Pacer {
    private final long startNanos;
    private final double intervalNanos;
    private long issued;

    Pacer(double ratePerSecond, long startNanos) {
        this.startNanos = startNanos;
        this.intervalNanos = 1e9 / ratePerSecond;
    }

    /** Intended start time of the next request. */
    long next() {
        return startNanos + (long) (issued * intervalNanos);
    }

    void advance() {
        issued++;
    }

    /** Requests that were due by {@code now} but have not been sent. */
    long backlog(long now) {
        long due = (long) ((now - startNanos) / intervalNanos) + 1;
        return Math.max(0, due - issued);
    }
}
