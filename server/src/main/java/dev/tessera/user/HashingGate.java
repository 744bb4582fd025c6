package dev.tessera.user;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Bounds the Argon2id work running at once, so a sign-in flood cannot take every core from machine
 * traffic (issue 9 item 6): at most {@code permits} checks run, at most {@code queueLimit} more wait,
 * each for at most {@code maxWaitMillis}; anything beyond is refused at once, and the caller answers
 * "try again" instead of waiting. Spec: OWASP ASVS V2.4; CONTRACT §4.
 */
public final class HashingGate {
    public static final long MAX_WAIT_MILLIS = 2_000;

    /** What a check through the gate came to. */
    public enum Outcome { MATCH, MISMATCH, BUSY }

    private final Semaphore running;
    private final int queueLimit;
    private final long maxWaitMillis;
    private final AtomicInteger waiting = new AtomicInteger();

    public HashingGate(int permits, int queueLimit, long maxWaitMillis) {
        if (permits < 1 || queueLimit < 0 || maxWaitMillis < 0) throw new IllegalArgumentException("permits ≥ 1, queue and wait ≥ 0");
        this.running = new Semaphore(permits, true);
        this.queueLimit = queueLimit;
        this.maxWaitMillis = maxWaitMillis;
    }

    /** Half the cores (at least one) run hashes; four times as many may wait. */
    public static HashingGate forThisMachine() {
        int permits = defaultPermits();
        return new HashingGate(permits, 4 * permits, MAX_WAIT_MILLIS);
    }

    public static int defaultPermits() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Runs {@code check} when a permit is free (waiting if the queue has room), else answers {@link Outcome#BUSY}. */
    public Outcome check(BooleanSupplier check) {
        if (!running.tryAcquire()) {
            if (waiting.incrementAndGet() > queueLimit) {
                waiting.decrementAndGet();
                return Outcome.BUSY;
            }
            try {
                if (!running.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS)) return Outcome.BUSY;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.BUSY;
            } finally {
                waiting.decrementAndGet();
            }
        }
        try {
            return check.getAsBoolean() ? Outcome.MATCH : Outcome.MISMATCH;
        } finally {
            running.release();
        }
    }

    /** Checks waiting for a permit now (for metrics and tests). */
    public int waiting() {
        return waiting.get();
    }
}
