package dev.tessera.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bound on concurrent password checks (issue 9 item 6), driven by latches: no sleeps. */
class HashingGateTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Starts a check that holds its permit until {@code release} opens; returns once it runs. */
    private CompletableFuture<HashingGate.Outcome> hold(HashingGate gate, CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<HashingGate.Outcome> f = CompletableFuture.supplyAsync(() -> gate.check(() -> {
            running.countDown();
            await(release);
            return true;
        }), pool);
        assertThat(running.await(10, TimeUnit.SECONDS)).as("the check runs").isTrue();
        return f;
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void untilWaiting(HashingGate gate, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.waiting() < n && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(gate.waiting()).isEqualTo(n);
    }

    @Test
    @DisplayName("A free permit runs the check at once and answers its result")
    void freePermit_runsTheCheck() {
        HashingGate gate = new HashingGate(1, 0, 0);
        assertThat(gate.check(() -> true)).isEqualTo(HashingGate.Outcome.MATCH);
        assertThat(gate.check(() -> false)).isEqualTo(HashingGate.Outcome.MISMATCH);
    }

    @Test
    @DisplayName("With every permit taken and no queue, a check is refused at once without running")
    void noPermitNoQueue_isBusy() throws Exception {
        HashingGate gate = new HashingGate(2, 0, 60_000);
        CountDownLatch release = new CountDownLatch(1);
        var a = hold(gate, release);
        var b = hold(gate, release);
        boolean[] ran = {false};
        assertThat(gate.check(() -> ran[0] = true)).isEqualTo(HashingGate.Outcome.BUSY);
        assertThat(ran[0]).isFalse();
        release.countDown();
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(HashingGate.Outcome.MATCH);
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(HashingGate.Outcome.MATCH);
        assertThat(gate.check(() -> true)).as("permits are given back").isEqualTo(HashingGate.Outcome.MATCH);
    }

    @Test
    @DisplayName("A check waits in the queue for a permit; one beyond the queue limit is refused at once")
    void queue_waitsUpToItsLimit() throws Exception {
        HashingGate gate = new HashingGate(1, 1, 60_000);
        CountDownLatch release = new CountDownLatch(1);
        var holder = hold(gate, release);
        CompletableFuture<HashingGate.Outcome> queued = CompletableFuture.supplyAsync(() -> gate.check(() -> false), pool);
        untilWaiting(gate, 1);
        assertThat(gate.check(() -> true)).as("the queue is full").isEqualTo(HashingGate.Outcome.BUSY);
        assertThat(queued).isNotDone();
        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(HashingGate.Outcome.MATCH);
        assertThat(queued.get(10, TimeUnit.SECONDS)).as("the queued check ran").isEqualTo(HashingGate.Outcome.MISMATCH);
        assertThat(gate.waiting()).isZero();
    }

    @Test
    @DisplayName("A queued check that waits longer than the maximum wait gives up as busy")
    void maxWait_givesUp() throws Exception {
        HashingGate gate = new HashingGate(1, 4, 0);
        CountDownLatch release = new CountDownLatch(1);
        var holder = hold(gate, release);
        assertThat(gate.check(() -> true)).isEqualTo(HashingGate.Outcome.BUSY);
        assertThat(gate.waiting()).isZero();
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("A failing check gives its permit back")
    void failingCheck_releasesItsPermit() {
        HashingGate gate = new HashingGate(1, 0, 0);
        try {
            gate.check(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the check's own failure is the caller's
        }
        assertThat(gate.check(() -> true)).isEqualTo(HashingGate.Outcome.MATCH);
    }

    @Test
    @DisplayName("The machine default runs half the cores (at least one)")
    void defaultPermits_areHalfTheCores() {
        assertThat(HashingGate.defaultPermits()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }
}
