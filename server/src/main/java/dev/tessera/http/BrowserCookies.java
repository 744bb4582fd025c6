package dev.tessera.http;

import dev.tessera.protocol.FormParameters;
import dev.tessera.tenant.TenantId;
import dev.tessera.keys.RandomValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The browser cookies of a tenant (path {@code /t/T/}, HttpOnly, Secure on https) and the double-submit
 * CSRF token every page form carries. Spec: CONTRACT §4; OWASP CSRF cheat sheet (double submit).
 */
final class BrowserCookies {
    static final String CSRF = "tessera_csrf";

    private final boolean secure;

    BrowserCookies(boolean secure) {
        this.secure = secure;
    }

    void set(Exchange ctx, TenantId tenant, String name, String value, String sameSite) {
        ctx.addHeader("Set-Cookie", name + "=" + value + "; Path=" + path(tenant) + "; HttpOnly; SameSite=" + sameSite
                + (secure ? "; Secure" : ""));
    }

    void clear(Exchange ctx, TenantId tenant, String name) {
        ctx.addHeader("Set-Cookie", name + "=; Path=" + path(tenant) + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
    }

    /** The browser's CSRF token, issued (cookie set) when it has none. */
    String csrfToken(Exchange ctx, TenantId tenant, String sameSite) {
        String v = ctx.cookie(CSRF);
        if (v == null || v.length() != 43) {
            v = RandomValues.token(32);
            set(ctx, tenant, CSRF, v, sameSite);
        }
        return v;
    }

    /** True when the form's {@code csrf} field equals the cookie (constant time). */
    static boolean csrfMatches(Exchange ctx, FormParameters form) {
        String cookie = ctx.cookie(CSRF);
        String field = form.optional("csrf");
        return cookie != null && field != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII),
                field.getBytes(StandardCharsets.US_ASCII));
    }

    private static String path(TenantId tenant) {
        return "/t/" + tenant.value() + "/";
    }
}
