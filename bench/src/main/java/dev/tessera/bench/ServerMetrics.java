package dev.tessera.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server says about itself on {@code GET /metrics} (Prometheus text): its process CPU time
 * and the {@code tessera_http_requests} timers (handler time by endpoint, method and status).
 * Two snapshots around the measured window give the server's own cost per request.
 */
final class ServerMetrics {
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final String TIMER = "tessera_http_requests_seconds_";

    /** Counts and summed seconds by "METHOD endpoint status"; CPU in ns (-1 if not exported). */
    record Snapshot(double cpuNanos, Map<String, double[]> timers) {
        private static final double[] NONE = {0, 0};

        /** Requests with this method, endpoint pattern and status (0: any status) in {@code later} minus here. */
        long count(Snapshot later, String method, String endpoint, int status) {
            return Math.round(delta(later, method, endpoint, status, 0));
        }

        double seconds(Snapshot later, String method, String endpoint, int status) {
            return delta(later, method, endpoint, status, 1);
        }

        /** Mean handler milliseconds of those requests, NaN if there were none. */
        double meanMillis(Snapshot later, String method, String endpoint, int status) {
            long n = count(later, method, endpoint, status);
            return n == 0 ? Double.NaN : seconds(later, method, endpoint, status) * 1000 / n;
        }

        double cpuNanos(Snapshot later) {
            return cpuNanos < 0 || later.cpuNanos < 0 ? Double.NaN : later.cpuNanos - cpuNanos;
        }

        private double delta(Snapshot later, String method, String endpoint, int status, int field) {
            double d = 0;
            for (Map.Entry<String, double[]> e : later.timers.entrySet()) {
                String[] k = e.getKey().split(" ");
                if (k[0].equals(method) && k[1].equals(endpoint) && (status == 0 || k[2].equals(Integer.toString(status)))) {
                    d += e.getValue()[field] - timers.getOrDefault(e.getKey(), NONE)[field];
                }
            }
            return d;
        }
    }

    private ServerMetrics() {
    }

    /** One scrape, or null if the server does not answer 200 (no metrics: the report just omits them). */
    static Snapshot scrape(HttpClient http, String baseUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "") + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? parse(r.body()) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Snapshot parse(String text) {
        double cpu = -1;
        Map<String, double[]> timers = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("process_cpu_time_ns_total ")) {
                cpu = Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
                continue;
            }
            boolean count = line.startsWith(TIMER + "count{");
            if (!count && !line.startsWith(TIMER + "sum{")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String method = null, endpoint = null, status = null;
            Matcher m = LABEL.matcher(line.substring(0, close));
            while (m.find()) {
                switch (m.group(1)) {
                    case "method" -> method = m.group(2);
                    case "endpoint" -> endpoint = m.group(2);
                    case "status" -> status = m.group(2);
                    default -> { }
                }
            }
            if (method == null || endpoint == null || status == null) {
                continue;
            }
            double value = Double.parseDouble(line.substring(close + 1).trim());
            timers.computeIfAbsent(method + " " + endpoint + " " + status, k -> new double[2])[count ? 0 : 1] = value;
        }
        return new Snapshot(cpu, timers);
    }

    /** Takes a snapshot at {@code measureNanos} and one at {@code endNanos} (System.nanoTime) on a side thread. */
    static final class Window {
        private final Thread thread;
        private volatile Snapshot first;
        private volatile Snapshot last;

        Window(String baseUrl, long measureNanos, long endNanos) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            thread = new Thread(() -> {
                try {
                    sleepUntil(measureNanos);
                    first = scrape(http, baseUrl);
                    sleepUntil(endNanos);
                    last = scrape(http, baseUrl);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-metrics");
            thread.setDaemon(true);
            thread.start();
        }

        /** Both snapshots, or null if either is missing. */
        Snapshot[] await() throws InterruptedException {
            thread.join();
            return first == null || last == null ? null : new Snapshot[] {first, last};
        }

        private static void sleepUntil(long nanos) throws InterruptedException {
            long wait = nanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }
}
