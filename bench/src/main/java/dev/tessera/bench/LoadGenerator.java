package dev.tessera.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** Runs the selector threads for warm-up plus measurement (or until a request budget is spent). */
final class LoadGenerator {
    private LoadGenerator() {
    }

    /** Every connection uses the same (thread-safe) factory. */
    static LoadResult run(LoadConfig config, RequestFactory factory, ResponseCheck check)
            throws IOException, InterruptedException {
        return run(config, connection -> factory, check);
    }

    /**
     * {@code factories} is called once per connection with its index (0 to connections - 1) before
     * the load starts; it may return the same shared factory or one owned by that connection.
     */
    static LoadResult run(LoadConfig config, IntFunction<RequestFactory> factories, ResponseCheck check)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long measure = start + config.warmupNanos();
        long end = measure + config.durationNanos();
        AtomicLong budget = config.maxRequests() > 0 ? new AtomicLong(config.maxRequests()) : null;

        int n = config.threads();
        Worker[] workers = new Worker[n];
        Thread[] threads = new Thread[n];
        int first = 0;
        for (int i = 0; i < n; i++) {
            int connections = config.connections() / n + (i < config.connections() % n ? 1 : 0);
            double rate = config.rate() * connections / config.connections();
            RequestFactory[] owned = new RequestFactory[connections];
            for (int j = 0; j < connections; j++) {
                owned[j] = factories.apply(first + j);
            }
            first += connections;
            workers[i] = new Worker(config, owned, check, budget, rate, start, measure, end);
            threads[i] = new Thread(workers[i], "bench-selector-" + i);
        }
        for (Thread t : threads) {
            t.start();
        }
        long sleep = measure - System.nanoTime();
        if (sleep > 0) {
            TimeUnit.NANOSECONDS.sleep(sleep);
        }
        long cpuStart = processCpuNanos();
        long wallStart = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - wallStart;
        long cpu = processCpuNanos() - cpuStart;

        Histogram histogram = new Histogram();
        long responses = 0, statusErrors = 0, checkErrors = 0, ioErrors = 0, inFlight = 0, backlog = 0, last = start;
        for (Worker w : workers) {
            if (w.failure != null) {
                throw new IllegalStateException("selector thread failed", w.failure);
            }
            histogram.add(w.histogram);
            responses += w.responses;
            statusErrors += w.statusErrors;
            checkErrors += w.checkErrors;
            ioErrors += w.ioErrors;
            inFlight += w.inFlightAtEnd;
            backlog += w.backlogAtEnd;
            last = Math.max(last, w.lastCompletionNanos);
        }
        // Time-bound runs are measured over the configured window, budget runs until the last answer.
        long window = budget != null ? Math.max(1, last - measure) : config.durationNanos();
        double cpuPercent = cpu < 0 || wall <= 0 ? -1 : 100.0 * cpu / wall;
        return new LoadResult(config, window, responses, statusErrors, checkErrors, ioErrors,
                inFlight, backlog, histogram, cpuPercent);
    }

    /** CPU time of this process so far, or -1 if the JVM cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
