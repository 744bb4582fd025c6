package dev.tessera.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop driver for complete sign-ins: each of N threads runs {@link BrowserFlow#run} with a
 * fresh cookie jar (so every iteration is a real password sign-in), then the next, until the end of
 * the window. Sign-ins are slow (Argon2id), so the JDK HttpClient's overhead does not matter here.
 * An iteration counts if it started after the warm-up and finished within the window.
 */
final class SignInLoad {
    private static final long ERROR_PAUSE_NANOS = 20_000_000L;

    /** Mean client-side step durations of the counted successful iterations, in ms. */
    record Steps(double authorizeMillis, double loginMillis, double tokenMillis) {
    }

    private final BrowserFlow flow;
    private final String username;
    private final String password;
    private final LoadConfig config;
    private final LongAdder authorizeNanos = new LongAdder();
    private final LongAdder loginNanos = new LongAdder();
    private final LongAdder tokenNanos = new LongAdder();
    private final LongAdder counted = new LongAdder();
    private volatile String firstError;

    SignInLoad(BrowserFlow flow, String username, String password, LoadConfig config) {
        this.flow = flow;
        this.username = username;
        this.password = password;
        this.config = config;
    }

    private final class Runner implements Runnable {
        final Histogram histogram = new Histogram();
        final long measure;
        final long end;
        long responses;
        long statusErrors;
        long checkErrors;
        long ioErrors;
        Throwable failure;

        Runner(long measure, long end) {
            this.measure = measure;
            this.end = end;
        }

        @Override
        public void run() {
            try {
                while (System.nanoTime() < end) {
                    iteration();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        private void iteration() throws InterruptedException {
            long start = System.nanoTime();
            BrowserFlow.Tokens tokens = null;
            Exception error = null;
            try {
                tokens = flow.run(new BrowserFlow.CookieJar(), username, password);
            } catch (java.io.IOException e) {
                error = e;
            }
            long now = System.nanoTime();
            boolean inWindow = start >= measure && now <= end;
            if (inWindow) {
                histogram.record((now - start) / 1000);
                if (error == null) {
                    responses++;
                    BrowserFlow.Timings t = tokens.timings();
                    authorizeNanos.add(t.authorizeNanos());
                    loginNanos.add(t.loginNanos());
                    tokenNanos.add(t.tokenNanos());
                    counted.increment();
                } else if (error instanceof BrowserFlow.FlowException f) {
                    responses++;
                    if (f.wrongStatus()) {
                        statusErrors++;
                    } else {
                        checkErrors++;
                    }
                } else {
                    ioErrors++;
                }
            }
            if (error != null) {
                if (firstError == null) {
                    firstError = error.toString();
                }
                TimeUnit.NANOSECONDS.sleep(ERROR_PAUSE_NANOS);
            }
        }
    }

    LoadResult run() throws InterruptedException {
        long start = System.nanoTime();
        long measure = start + config.warmupNanos();
        long end = measure + config.durationNanos();
        Runner[] runners = new Runner[config.connections()];
        Thread[] threads = new Thread[runners.length];
        for (int i = 0; i < runners.length; i++) {
            runners[i] = new Runner(measure, end);
            threads[i] = new Thread(runners[i], "bench-signin-" + i);
            threads[i].start();
        }
        long sleep = measure - System.nanoTime();
        if (sleep > 0) {
            TimeUnit.NANOSECONDS.sleep(sleep);
        }
        long cpuStart = LoadGenerator.processCpuNanos();
        long wallStart = System.nanoTime();
        sleep = end - System.nanoTime();
        if (sleep > 0) {
            TimeUnit.NANOSECONDS.sleep(sleep);
        }
        long cpuEnd = LoadGenerator.processCpuNanos(); // the window only, not the stragglers after it
        long wallEnd = System.nanoTime();
        for (Thread t : threads) {
            t.join();
        }
        Histogram histogram = new Histogram();
        long responses = 0, statusErrors = 0, checkErrors = 0, ioErrors = 0;
        for (Runner r : runners) {
            if (r.failure != null) {
                throw new IllegalStateException("sign-in thread failed", r.failure);
            }
            histogram.add(r.histogram);
            responses += r.responses;
            statusErrors += r.statusErrors;
            checkErrors += r.checkErrors;
            ioErrors += r.ioErrors;
        }
        long wall = wallEnd - wallStart;
        long cpu = cpuEnd - cpuStart;
        double cpuPercent = cpuStart < 0 || cpuEnd < 0 || wall <= 0 ? -1 : 100.0 * cpu / wall;
        return new LoadResult(config, config.durationNanos(), responses, statusErrors, checkErrors, ioErrors,
                0, 0, histogram, cpuPercent);
    }

    /** Mean step durations of the counted successful sign-ins (NaN if none). */
    Steps steps() {
        long n = counted.sum();
        return n == 0 ? new Steps(Double.NaN, Double.NaN, Double.NaN)
                : new Steps(authorizeNanos.sum() / 1e6 / n, loginNanos.sum() / 1e6 / n, tokenNanos.sum() / 1e6 / n);
    }

    /** The first error seen (also during warm-up), for the report; null if none. */
    String firstError() {
        return firstError;
    }
}
