package dev.tessera.resourceserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An access rule: requests with this method whose path matches the template need a token with these
 * scopes. Template segments are literals, {@code {tenant}} (the tenant the request addresses),
 * {@code *} (any one segment) or a final {@code **} (any rest). Method {@code *} matches every method;
 * {@code GET} also matches {@code HEAD}. Spec: RFC 6750 §3.1 (scope); RFC 9110 §9.3.2 (HEAD).
 */
public final class Route {
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+"); // RFC 6749 §3.3
    private static final Pattern METHOD = Pattern.compile("\\*|[A-Z]+");
    static final String TENANT = "{tenant}";

    private final String method;
    private final String template;
    private final Set<String> scopes;
    private final List<String> segments;

    public Route(String method, String template, Set<String> scopes) {
        if (method == null || !METHOD.matcher(method).matches()) throw new IllegalArgumentException("bad method: " + method);
        List<String> segments = RequestPath.segments(template);
        if (segments == null) throw new IllegalArgumentException("bad path template: " + template);
        int rest = segments.indexOf("**");
        if (rest >= 0 && rest != segments.size() - 1) throw new IllegalArgumentException("** must be last: " + template);
        for (String s : scopes) {
            if (!SCOPE_TOKEN.matcher(s).matches()) throw new IllegalArgumentException("bad scope: " + s);
        }
        this.method = method;
        this.template = template;
        this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        this.segments = List.copyOf(segments);
    }

    public static Route of(String method, String template, String... scopes) {
        return new Route(method, template, new LinkedHashSet<>(Arrays.asList(scopes)));
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    public Set<String> scopes() {
        return scopes;
    }

    @Override
    public String toString() {
        return method + " " + template + " " + scopes;
    }

    boolean hasTenantSegment() {
        return segments.contains(TENANT);
    }

    /** The match of a canonical request path, or null. */
    Match match(String requestMethod, List<String> path) {
        String m = requestMethod.toUpperCase(Locale.ROOT);
        if (!method.equals("*") && !method.equals(m) && !(method.equals("GET") && m.equals("HEAD"))) return null;
        List<String> t = segments;
        String tenant = null;
        for (int i = 0; i < t.size(); i++) {
            String seg = t.get(i);
            if (seg.equals("**")) return new Match(this, tenant);
            if (i >= path.size()) return null;
            String p = path.get(i);
            if (seg.equals(TENANT)) {
                if (!TrustedIssuer.TENANT_ID.matcher(p).matches()) return null;
                tenant = p;
            } else if (!seg.equals("*") && !seg.equals(p)) {
                return null;
            }
        }
        return t.size() == path.size() ? new Match(this, tenant) : null;
    }

    record Match(Route route, String pathTenant) {}

    /** Splits request paths into segments, refusing any that a server might read as another path. */
    static final class RequestPath {
        private static final Pattern AMBIGUOUS = Pattern.compile("(?i)%2e|%2f|%5c|%00|\\\\|;");

        private RequestPath() {}

        /**
         * The segments of {@code path} (without query), or null when it is not in canonical form: dot
         * segments, empty segments, encoded dots or slashes, backslashes or matrix parameters could make
         * the application route it elsewhere than the rule that matched (RFC 3986 §5.2.4).
         */
        static List<String> segments(String path) {
            if (path == null || !path.startsWith("/") || path.length() > 4096) return null;
            int q = path.indexOf('?');
            if (q >= 0) path = path.substring(0, q);
            if (AMBIGUOUS.matcher(path).find()) return null;
            if (path.equals("/")) return List.of();
            List<String> out = new ArrayList<>();
            String[] parts = path.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                String s = decodeUnreserved(parts[i]);
                if (s == null || s.equals(".") || s.equals("..") || (s.isEmpty() && i < parts.length - 1)) return null;
                out.add(s);
            }
            return out;
        }

        /**
         * RFC 3986 §6.2.2.2: percent-encoded unreserved characters mean the characters themselves, and the
         * application's router will read them so ({@code /%6Frders} is {@code /orders}); so must the rules.
         * Other escapes stay as they are; a malformed one makes the path non-canonical (null).
         */
        static String decodeUnreserved(String segment) {
            if (segment.indexOf('%') < 0) return segment;
            StringBuilder b = new StringBuilder(segment.length());
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c != '%') {
                    b.append(c);
                    continue;
                }
                if (i + 2 >= segment.length()) return null;
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                char d = (char) (hi * 16 + lo);
                boolean unreserved = (d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z') || (d >= '0' && d <= '9')
                        || d == '-' || d == '.' || d == '_' || d == '~';
                if (unreserved) b.append(d);
                else b.append(segment, i, i + 3);
                i += 2;
            }
            return b.toString();
        }
    }
}
