package dev.tessera.http;

import dev.tessera.authorize.FormTokens;
import dev.tessera.keys.RandomValues;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import java.net.URI;
import java.util.Locale;

/**
 * The browser cookies of a tenant and the CSRF defences of its page forms.
 * <ul>
 *   <li>Names: over https {@code __Host-{name}-{tenant}} (Secure, Path=/, no Domain, so neither a
 *   sibling subdomain nor plain http can set or shadow them); over http (development) {@code {name}}
 *   with the tenant's path {@code /t/T/}. Always HttpOnly.</li>
 *   <li>The browser secret {@value #CSRF}: random, set when a form is rendered; each form carries the
 *   {@link FormTokens} token derived from it, and the sealed request it carries is bound to it.</li>
 *   <li>{@code Origin} and {@code Sec-Fetch-Site}, where the browser sends them, must say the form was
 *   posted from Tessera's own public origin ({@code TESSERA_PUBLIC_URL}, so it holds behind a proxy).</li>
 * </ul>
 * Spec: CONTRACT §4; RFC 6265bis §4.1.3.2 (__Host-); Fetch Metadata; OWASP CSRF cheat sheet.
 */
final class BrowserCookies {
    static final String CSRF = "tessera_csrf";
    /** Proof that this browser signed in to an account before: sign-in throttling lets it through (SignIn). */
    static final String KNOWN = "tessera_known";
    /** How long a browser stays known after its last sign-in. */
    static final long KNOWN_MAX_AGE_SECONDS = 400L * 24 * 3600;   // RFC 6265bis caps Max-Age at 400 days

    private final boolean secure;
    private final String publicOrigin;
    private final FormTokens tokens;

    BrowserCookies(IssuerUrls issuers, FormTokens tokens) {
        this.secure = issuers.publicUrl().startsWith("https://");
        this.publicOrigin = origin(issuers.publicUrl());
        this.tokens = tokens;
    }

    /** The cookie's name for the tenant (see the class comment). */
    String name(TenantId tenant, String name) {
        return secure ? "__Host-" + name + "-" + tenant.value() : name;
    }

    /** The request's value of the tenant's cookie, or null. */
    String get(Exchange ctx, TenantId tenant, String name) {
        return ctx.cookie(name(tenant, name));
    }

    void set(Exchange ctx, TenantId tenant, String name, String value, String sameSite) {
        ctx.addHeader("Set-Cookie", name(tenant, name) + "=" + value + "; Path=" + path(tenant) + "; HttpOnly; SameSite="
                + sameSite + (secure ? "; Secure" : ""));
    }

    /** A cookie that outlives the browser session ({@code Max-Age}), e.g. the known-browser proof. */
    void setLasting(Exchange ctx, TenantId tenant, String name, String value, long maxAgeSeconds) {
        ctx.addHeader("Set-Cookie", name(tenant, name) + "=" + value + "; Path=" + path(tenant) + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
    }

    void clear(Exchange ctx, TenantId tenant, String name) {
        ctx.addHeader("Set-Cookie", name(tenant, name) + "=; Path=" + path(tenant) + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure ? "; Secure" : ""));
    }

    /**
     * The browser's secret, issued (cookie set) when it has none. Lax, not Strict: an app's cross-site
     * redirect to /authorize must not rotate it under an open form. Call once per response.
     */
    String browserSecret(Exchange ctx, TenantId tenant) {
        String v = get(ctx, tenant, CSRF);
        if (v == null || v.length() != 43) {
            v = RandomValues.token(32);
            set(ctx, tenant, CSRF, v, "Lax");
        }
        return v;
    }

    /** The browser's secret as the request carries it, or null. */
    String presentedSecret(Exchange ctx, TenantId tenant) {
        String v = get(ctx, tenant, CSRF);
        return v == null || v.length() != 43 ? null : v;
    }

    String formToken(TenantId tenant, String browserSecret, String purpose) {
        return tokens.token(tenant, browserSecret, purpose);
    }

    /** True when the form's {@code csrf} value is the token of this browser's secret for the purpose. */
    boolean formTokenValid(Exchange ctx, TenantId tenant, String purpose, String presented) {
        return tokens.verify(tenant, presentedSecret(ctx, tenant), purpose, presented);
    }

    /**
     * False when the browser says the POST came from elsewhere: an {@code Origin} other than the public
     * origin (including {@code null}), or a {@code Sec-Fetch-Site} other than {@code same-origin} or
     * {@code none}. Requests without these headers (older browsers, non-browser clients) pass, and rely
     * on the form token.
     */
    boolean sameOrigin(Exchange ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase(publicOrigin)) return false;
        String site = ctx.header("Sec-Fetch-Site");
        return site == null || site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none");
    }

    private String path(TenantId tenant) {
        return secure ? "/" : "/t/" + tenant.value() + "/";
    }

    /** The RFC 6454 origin of a URL: scheme, host and port, the port left out when it is the scheme's default. */
    static String origin(String url) {
        URI u = URI.create(url);
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        int port = u.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
