package dev.tessera.tokenhandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The token handler's request rules: a request that carries {@code Origin} must carry a trusted one;
 * a data-changing request must carry a trusted {@code Origin} and, where the CSRF rule applies, the
 * header {@code x-{cookiePrefix}-csrf} equal to the CSRF cookie's value. Policy only: callers decide
 * which error a violation is. Spec: CONTRACT §6.2; OWASP CSRF cheat sheet (origin check, double submit).
 */
public final class RequestRules {
    private static final Set<String> DATA_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private RequestRules() {}

    public static boolean isDataChanging(String method) {
        return method != null && DATA_CHANGING.contains(method);
    }

    /** Why the Origin rule refuses the request, or empty. */
    public static Optional<String> originViolation(TokenHandlerSettings app, String method, String origin) {
        if (origin != null && !app.trusts(origin)) return Optional.of("untrusted Origin");
        if (origin == null && isDataChanging(method)) return Optional.of("data-changing request without Origin");
        return Optional.empty();
    }

    /**
     * Why the CSRF rule refuses the request, or empty. {@code csrfCookieValue} is the opened CSRF cookie
     * (null when absent or unopenable); the comparison takes constant time.
     */
    public static Optional<String> csrfViolation(String csrfHeader, String csrfCookieValue) {
        if (csrfCookieValue == null) return Optional.of("no valid CSRF cookie");
        if (csrfHeader == null) return Optional.of("no CSRF header");
        boolean equal = MessageDigest.isEqual(csrfHeader.getBytes(StandardCharsets.UTF_8),
                csrfCookieValue.getBytes(StandardCharsets.UTF_8));
        return equal ? Optional.empty() : Optional.of("CSRF header does not match the CSRF cookie");
    }
}
