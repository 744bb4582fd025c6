package dev.tessera.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Runs the selector threads for warm-up plus measurement (or until a request budget is spent). */
final class LoadGenerator {
    private LoadGenerator() {
    }

    static LoadResult run(LoadConfig config, RequestFactory factory, ResponseCheck check)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long measure = start + config.warmupNanos();
        long end = measure + config.durationNanos();
        AtomicLong budget = config.maxRequests() > 0 ? new AtomicLong(config.maxRequests()) : null;

        int n = config.threads();
        Worker[] workers = new Worker[n];
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int connections = config.connections() / n + (i < config.connections() % n ? 1 : 0);
            double rate = config.rate() * connections / config.connections();
            workers[i] = new Worker(config, factory, check, budget, connections, rate, start, measure, end);
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

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
