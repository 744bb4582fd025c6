package dev.tessera.http;

import dev.tessera.pages.Pages;
import dev.tessera.keys.RandomValues;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Renders HTML pages with a strict CSP, no framing and no caching. Spec: CONTRACT §4. */
final class PageWriter {
    private final Pages pages = new Pages();

    /** Renders {@code template}; {@code formTarget} (a client redirect URI) is allowed as a form-action origin. */
    void render(Exchange ctx, int status, String template, Map<String, Object> params, String formTarget) {
        String nonce = RandomValues.token(16);
        Map<String, Object> p = new HashMap<>(params);
        if (template.equals("formpost")) p.put("scriptNonce", nonce);
        else p.put("cssNonce", nonce);
        String formAction = "'self'" + (formTarget == null ? "" : " " + origin(formTarget));
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'; script-src 'nonce-" + nonce
                + "'; img-src 'self' data:; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        // nothing leaves the origin; and unlike no-referrer, a same-origin form post keeps its Origin header
        // (Fetch §3.1: under no-referrer browsers send "Origin: null"), which BrowserCookies.sameOrigin checks.
        // layout.jte's <meta name="referrer"> says the same; formpost.jte (posting to the client) keeps no-referrer.
        ctx.header("Referrer-Policy", "same-origin");
        ctx.status(status);
        ctx.result("text/html;charset=UTF-8", pages.render(template, p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String origin(String uri) {
        try {
            URI u = URI.create(uri);
            if (u.getScheme() == null || u.getHost() == null) return u.getScheme() == null ? "" : u.getScheme() + ":";
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");   // never user info
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
