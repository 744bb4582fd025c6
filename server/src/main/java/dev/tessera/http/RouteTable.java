package dev.tessera.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every route of the server, in one table: the only place a request is dispatched. A path that
 * matches with another method is 405 with {@code Allow} (RFC 9110 §15.5.6), anything else 404.
 */
final class RouteTable {
    /** The outcome of a lookup: a route, or the methods the path allows (empty: unknown path). */
    record Match(Route route, String[] segments, Set<String> allowed) {}

    private final List<Route> routes = new ArrayList<>();
    /** The routes by the number of segments they match (a {@code <rest>} route under every count from its own up). */
    private volatile List<Route>[] bySegments;

    RouteTable add(String method, String pattern, Endpoint endpoint) {
        for (Route r : routes) {
            if (r.method().equals(method) && r.pattern().equals(pattern)) {
                throw new IllegalArgumentException("route registered twice: " + method + " " + pattern);
            }
        }
        routes.add(new Route(method, pattern, endpoint));
        bySegments = null;
        return this;
    }

    RouteTable get(String pattern, Endpoint e) { return add("GET", pattern, e); }

    RouteTable post(String pattern, Endpoint e) { return add("POST", pattern, e); }

    RouteTable put(String pattern, Endpoint e) { return add("PUT", pattern, e); }

    RouteTable patch(String pattern, Endpoint e) { return add("PATCH", pattern, e); }

    RouteTable delete(String pattern, Endpoint e) { return add("DELETE", pattern, e); }

    RouteTable options(String pattern, Endpoint e) { return add("OPTIONS", pattern, e); }

    RouteTable head(String pattern, Endpoint e) { return add("HEAD", pattern, e); }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    private static final int INDEXED = 16;

    @SuppressWarnings("unchecked")
    private List<Route> candidates(int segments) {
        List<Route>[] index = bySegments;
        if (index == null) {
            index = new List[INDEXED + 1];
            for (int n = 0; n <= INDEXED; n++) {
                List<Route> fit = new ArrayList<>();
                for (Route r : routes) if (r.mayMatch(n)) fit.add(r);
                index[n] = List.copyOf(fit);
            }
            bySegments = index;
        }
        return segments <= INDEXED ? index[segments] : routes;
    }

    /** Raw path, not decoded; a path that does not start with '/' matches nothing. */
    Match match(String method, String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') return new Match(null, null, Set.of());
        String[] segments = Route.split(path);
        Set<String> allowed = null;
        for (Route r : candidates(segments.length)) {
            if (!r.matches(segments)) continue;
            if (r.method().equals(method)) return new Match(r, segments, Set.of());
            if (allowed == null) allowed = new LinkedHashSet<>();
            allowed.add(r.method());
        }
        return new Match(null, segments, allowed == null ? Set.of() : allowed);
    }
}
