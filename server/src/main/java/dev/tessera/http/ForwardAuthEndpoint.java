package dev.tessera.http;

import dev.tessera.gateway.ForwardAuthService;
import dev.tessera.gateway.ForwardedRequest;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code {issuer}/forward-auth} and every path below it: the auth service of NGINX {@code auth_request},
 * Envoy {@code ext_authz} (HTTP; it appends the original path) and Traefik {@code forwardAuth}. 200 with
 * the JWT to forward in {@code Authorization} and a {@code Cache-Control} a gateway may cache by;
 * otherwise the RFC 6750 §3 answer. An unknown tenant is 404, as at every endpoint under an issuer:
 * that is a gateway configured for an issuer that does not exist, not a client's bad token.
 * Spec: CONTRACT §6.1; RFC 6750 §3; RFC 9111 §3.5, §5.2.2.
 */
final class ForwardAuthEndpoint {
    /** Precomputed {@code Cache-Control} values: no string building on the hot path. */
    private static final String[] CACHE_CONTROL = new String[3601];
    /**
     * RFC 9111 §4.1: the answer depends on the token's carrier. For a cookie token the method and
     * Origin matter too (CONTRACT §6.2); answers to data-changing cookie requests are not cacheable at all.
     */
    private static final String VARY_BEARER = "Authorization";
    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS");
    private static final String VARY_COOKIE = "Authorization, Cookie, Origin, X-Forwarded-Method, X-Original-Method";

    static {
        // RFC 9111 §3.5: "public" lets a shared cache reuse an answer to a request that carried Authorization
        for (int i = 0; i < CACHE_CONTROL.length; i++) CACHE_CONTROL[i] = "max-age=" + i + ", public";
    }

    private final TenantDirectory tenants;
    private final ForwardAuthService service;

    ForwardAuthEndpoint(TenantDirectory tenants, ForwardAuthService service) {
        this.tenants = tenants;
        this.service = service;
    }

    void handle(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Call call = new Call(ctx);
        ForwardAuthService.Allowed allowed = service.check(tenant, call, requiredScope(ctx.queryString()));
        ctx.header("Authorization", allowed.authorization());
        // CONTRACT §6.2: a cookie request that changes data was judged by its CSRF header too, which no cache
        // key or Vary can be trusted to carry (RFC 9111 §4.1): such an answer is never reused
        boolean changesData = allowed.fromCookie() && !SAFE_METHODS.contains(call.method());
        ctx.header("Cache-Control", changesData ? "no-store"
                : CACHE_CONTROL[Math.min(allowed.maxAgeSeconds(), CACHE_CONTROL.length - 1)]);
        ctx.header("Vary", allowed.fromCookie() ? VARY_COOKIE : VARY_BEARER);
    }

    /**
     * The decoded value of the one {@code scope} query parameter, or null. Only that parameter is
     * read: behind Envoy the rest of the query is the original request's and none of our business.
     */
    static String requiredScope(String query) {
        if (query == null || query.isEmpty()) return null;
        String raw = null;
        for (int start = 0; start <= query.length(); ) {
            int end = query.indexOf('&', start);
            if (end < 0) end = query.length();
            if (query.startsWith("scope", start) && (end == start + 5 || query.charAt(start + 5) == '=')) {
                if (raw != null) throw OAuthException.invalidRequest("The scope query parameter is repeated");
                raw = end == start + 5 ? "" : query.substring(start + 6, end);
            }
            start = end + 1;
        }
        if (raw == null) return null;
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("The scope query parameter is malformed");
        }
    }

    /** The forward-auth call as the original request's description: gateways forward its headers and cookies. */
    private static final class Call implements ForwardedRequest {
        private final Exchange ctx;
        private final String method;

        Call(Exchange ctx) {
            this.ctx = ctx;
            this.method = ForwardAuthService.originalMethod(ctx.method(), ctx.header("X-Forwarded-Method"),
                    ctx.header("X-Original-Method"));
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String header(String name) {
            return ctx.header(name);
        }

        @Override
        public String cookie(String name) {
            return ctx.cookie(name);
        }
    }
}
