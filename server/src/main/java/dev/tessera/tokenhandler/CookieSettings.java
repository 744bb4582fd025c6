package dev.tessera.tokenhandler;

import dev.tessera.protocol.OAuthException;
import java.util.regex.Pattern;

/**
 * Where a token-handler app's cookies live: their name prefix, {@code Path} and optional {@code Domain}.
 * {@code domain} is null when the cookies are host-only. Spec: CONTRACT §6.2; RFC 6265 §4.1.
 */
public record CookieSettings(String prefix, String domain, String path) {
    public static final String DEFAULT_PATH = "/";
    /** A token (RFC 6265 §4.1.1) that cannot start a reserved "__Host-"/"__Secure-" name. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    /** A path without the characters that would end or split the attribute (';', ',', space, controls). */
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9/._~!$&'()*+=:@%-]{0,255}");

    public CookieSettings {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw OAuthException.invalidRequest(
                    "cookiePrefix must match [A-Za-z0-9][A-Za-z0-9_-]{0,39} (a cookie-name token)");
        }
        if (domain != null && !DOMAIN.matcher(domain).matches()) {
            throw OAuthException.invalidRequest("cookieDomain must be a lower-case host name without a leading dot");
        }
        if (path == null) path = DEFAULT_PATH;
        if (!PATH.matcher(path).matches()) {
            throw OAuthException.invalidRequest("cookiePath must start with / and hold only URL path characters");
        }
    }

    public String name(CookieKind kind) {
        return prefix + kind.suffix();
    }

    /** The request header that must repeat the CSRF cookie's value (CONTRACT §6.2). */
    public String csrfHeader() {
        return "x-" + prefix + "-csrf";
    }
}
