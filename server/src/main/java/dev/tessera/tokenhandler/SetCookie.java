package dev.tessera.tokenhandler;

/**
 * One token-handler cookie to set or clear: always {@code HttpOnly} and {@code SameSite=Strict}, with
 * the app's {@code Path} and {@code Domain}, and {@code Secure} unless the app is on plain-http loopback.
 * Spec: CONTRACT §6.2; RFC 6265 §4.1; RFC 6265bis §4.1.2.7 (SameSite).
 */
public record SetCookie(String name, String value, long maxAgeSeconds, CookieSettings where, boolean secure) {
    public static SetCookie clear(String name, CookieSettings where, boolean secure) {
        return new SetCookie(name, "", 0, where, secure);
    }

    /** The {@code Set-Cookie} header value. */
    public String header() {
        StringBuilder b = new StringBuilder(name).append('=').append(value).append("; Path=").append(where.path());
        if (where.domain() != null) b.append("; Domain=").append(where.domain());
        b.append("; Max-Age=").append(maxAgeSeconds);
        if (maxAgeSeconds == 0) b.append("; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        b.append("; HttpOnly");
        if (secure) b.append("; Secure");
        return b.append("; SameSite=Strict").toString();
    }
}
