package dev.tessera.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One entry of the route table: a method, a path pattern ({@code /t/{tenant}/token}: literal
 * segments, {@code {name}} for one segment, a final {@code <name>} for the rest of the path), the
 * endpoint, and the surface whose error format it answers in. Patterns match the raw path, segment
 * by segment; parameters are decoded only when read, so an encoded slash or dot never routes.
 */
final class Route {
    private final String method;
    private final String pattern;
    private final String[] parts;
    private final boolean rest;
    private final Endpoint endpoint;
    private final ResponseWriter.Style style;
    private final ConcurrentHashMap<Integer, Timer> timers = new ConcurrentHashMap<>();

    Route(String method, String pattern, Endpoint endpoint) {
        this.method = method;
        this.pattern = pattern;
        this.parts = split(pattern);
        this.rest = parts[parts.length - 1].startsWith("<");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].startsWith("<")) throw new IllegalArgumentException("<rest> must be the last segment: " + pattern);
        }
        this.endpoint = endpoint;
        this.style = ResponseWriter.Style.of(pattern);
    }

    String method() { return method; }

    String pattern() { return pattern; }

    Endpoint endpoint() { return endpoint; }

    ResponseWriter.Style style() { return style; }

    /** Whether a path of this many segments could fit the pattern. */
    boolean mayMatch(int segments) {
        return rest ? segments >= parts.length : segments == parts.length;
    }

    /** Whether the path's segments fit the pattern (the method aside). */
    boolean matches(String[] segments) {
        if (rest ? segments.length < parts.length : segments.length != parts.length) return false;
        int literal = rest ? parts.length - 1 : parts.length;
        for (int i = 0; i < literal; i++) {
            String p = parts[i];
            if (p.startsWith("{")) {
                if (segments[i].isEmpty()) return false;
            } else if (!p.equals(segments[i])) {
                return false;
            }
        }
        if (!rest) return true;
        for (int i = literal; i < segments.length; i++) if (!segments[i].isEmpty()) return true;
        return false;                                         // <rest> is never empty
    }

    /** The raw (still encoded) value of parameter {@code name} in a matching path, or null. */
    String rawParam(String name, String[] segments) {
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.length() == name.length() + 2 && p.regionMatches(1, name, 0, name.length())) {
                if (p.charAt(0) == '{') return segments[i];
                return String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
            }
        }
        return null;
    }

    void record(MeterRegistry registry, int status, long nanos) {
        timers.computeIfAbsent(status, s -> Pipeline.timer(registry, pattern, method, s)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** "/t/demo/token" → ["t", "demo", "token"]; a trailing slash gives a last empty segment. */
    static String[] split(String path) {
        int n = 0;
        for (int i = 1; i < path.length(); i++) if (path.charAt(i) == '/') n++;
        String[] out = new String[n + 1];
        int start = 1;
        for (int k = 0; k <= n; k++) {
            int end = path.indexOf('/', start);
            if (end < 0) end = path.length();
            out[k] = path.substring(start, end);
            start = end + 1;
        }
        return out;
    }
}
