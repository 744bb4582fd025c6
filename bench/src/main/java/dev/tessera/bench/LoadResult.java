package dev.tessera.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Merged outcome of a load run. Latencies are in microseconds internally, printed in ms. */
record LoadResult(
        LoadConfig config,
        long windowNanos,
        long responses,
        long statusErrors,
        long checkErrors,
        long ioErrors,
        long inFlightAtEnd,
        long backlogAtEnd,
        Histogram histogram,
        double cpuPercent) {

    long total() {
        return responses + ioErrors;
    }

    long errors() {
        return statusErrors + checkErrors + ioErrors;
    }

    /** Paced requests still waiting at the end, ignoring the last few ms of timer granularity. */
    long unsent() {
        return backlogAtEnd > config.rate() * 0.005 + 1 ? backlogAtEnd : 0;
    }

    double seconds() {
        return windowNanos / 1e9;
    }

    double requestsPerSecond() {
        return total() / seconds();
    }

    void print(PrintStream out, String name) {
        print(out, name, "requests", null, List.of());
    }

    /**
     * @param unit what one counted operation is ("requests", "sign-ins"), @param driver how the load
     * was made, if not by the generator's connections (null), @param notes extra lines
     */
    void print(PrintStream out, String name, String unit, String driver, List<String> notes) {
        print(out, name, unit, driver, notes, -1);
    }

    /** As above; {@code serverCpuMs} (server CPU per request, -1 unknown) also goes into the RESULT line. */
    void print(PrintStream out, String name, String unit, String driver, List<String> notes, double serverCpuMs) {
        String mode = config.rate() > 0 ? String.format(Locale.ROOT, "target %.0f req/s", config.rate()) : "closed loop";
        String how = driver != null ? driver : String.format(Locale.ROOT, "%d connections, %d selector thread(s)",
                config.connections(), config.threads());
        out.printf(Locale.ROOT, "%s: %s, %s, %.1f s measured%n", name, how, mode, seconds());
        out.printf(Locale.ROOT, "  %-12s %.1f%n", unit + "/s", requestsPerSecond());
        out.printf(Locale.ROOT, "  %-12s %d%n", unit, total());
        out.printf(Locale.ROOT, "  errors       %d (non-2xx %d, bad body %d, i/o %d)%n",
                errors(), statusErrors, checkErrors, ioErrors);
        out.printf(Locale.ROOT, "  latency ms   p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (mean %s)%n",
                ms(histogram.percentile(50)), ms(histogram.percentile(90)), ms(histogram.percentile(99)),
                ms(histogram.percentile(99.9)), ms(histogram.max()), ms(Math.round(histogram.mean())));
        if (unsent() > 0) {
            out.printf("  not sent     %d (target rate not reached: server or generator too slow)%n", unsent());
        }
        for (String note : notes) {
            out.println("  " + note);
        }
        if (cpuPercent >= 0) {
            out.printf(Locale.ROOT, "  load generator CPU %.0f%% of one core%n", cpuPercent);
        }
        out.println(resultLine(name) + (serverCpuMs >= 0 ? String.format(Locale.ROOT, " srvcpu=%.4f", serverCpuMs) : ""));
    }

    /** One machine-readable line, parsed by run.sh. */
    String resultLine(String name) {
        return String.format(Locale.ROOT,
                "RESULT name=%s rate=%.0f rps=%.1f total=%d errors=%d unsent=%d secs=%.1f"
                        + " p50=%s p90=%s p99=%s p999=%s max=%s cpu=%.0f",
                name.replace(' ', '_'), config.rate(), requestsPerSecond(), total(), errors(), unsent(), seconds(),
                ms(histogram.percentile(50)), ms(histogram.percentile(90)), ms(histogram.percentile(99)),
                ms(histogram.percentile(99.9)), ms(histogram.max()), cpuPercent);
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
