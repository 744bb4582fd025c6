package dev.tessera.gateway;

import dev.tessera.introspection.TokenLookup;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forward-auth: decides whether a gateway may pass a request on, and with which JWT. The token comes
 * from {@code Authorization: Bearer}, else from the token handler's cookie; it must be active (asked of
 * {@link TokenLookup} on every request, within the tenant's staleness bound) and hold the required
 * scopes. Successes are counted, not audited: a gateway asks on every request. Failures are counted
 * too and not audited either, as any client can cause them at will (expired and garbage tokens).
 * Spec: CONTRACT §6.1, §6.2 (proxy side); RFC 6750 §3.
 */
public final class ForwardAuthService {
    /** The methods of CONTRACT §6.1, in the order of the {@code Allow} header. */
    public static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String ALLOW = String.join(", ", METHODS);

    /** The request may pass: forward {@code authorization} upstream; a gateway may cache this for {@code maxAgeSeconds}. */
    public record Allowed(String authorization, int maxAgeSeconds, boolean fromCookie) {}

    /** Outcomes as counted in {@code tessera_forward_auth_total}. */
    enum Outcome {
        ALLOWED, NO_TOKEN, INVALID_TOKEN, INSUFFICIENT_SCOPE, COOKIE_REFUSED, METHOD_NOT_ALLOWED, BAD_REQUEST, ERROR;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    private final TokenLookup lookup;
    private final PhantomTokens phantoms;
    private final CookieTokenSource cookies;
    private final IssuerUrls issuers;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ConcurrentHashMap<TenantId, Counter[]> counters = new ConcurrentHashMap<>();

    public ForwardAuthService(TokenLookup lookup, PhantomTokens phantoms, CookieTokenSource cookies, IssuerUrls issuers,
                              Clock clock, MeterRegistry metrics) {
        this.lookup = lookup;
        this.phantoms = phantoms;
        this.cookies = cookies;
        this.issuers = issuers;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Decides for {@code request}; {@code requiredScope} is the decoded {@code scope} query parameter
     * (null: none). Throws {@code OAuthException}: 401 {@code invalid_token}, 403 {@code insufficient_scope}
     * (or the cookie rule's own 403), 405 for a method outside {@link #METHODS}, 400 for a malformed scope.
     */
    public Allowed check(Tenant tenant, ForwardedRequest request, String requiredScope) {
        Outcome outcome = Outcome.ERROR;
        try {
            if (!METHODS.contains(request.method())) {
                outcome = Outcome.METHOD_NOT_ALLOWED;
                throw new OAuthException(ErrorCode.INVALID_REQUEST_METHOD, "Method not allowed").header("Allow", ALLOW);
            }
            outcome = Outcome.BAD_REQUEST;
            List<String> required = requiredScopes(requiredScope);
            String header = request.header("Authorization");
            String token = bearer(header);
            boolean fromCookie = false;
            if (token == null) {
                outcome = Outcome.COOKIE_REFUSED;
                token = cookieToken(tenant, request);
                fromCookie = token != null;
            }
            if (token == null) {
                outcome = Outcome.NO_TOKEN;
                throw new OAuthException(ErrorCode.INVALID_TOKEN, "An access token is required")
                        .header("WWW-Authenticate", realm(tenant));
            }
            outcome = Outcome.ERROR;
            Optional<TokenLookup.Status> status = lookup.status(tenant.id(), tenant.settings(), token);
            if (status.isEmpty()) {
                outcome = Outcome.INVALID_TOKEN;
                throw new OAuthException(ErrorCode.INVALID_TOKEN, "The access token is invalid")
                        .header("WWW-Authenticate", realm(tenant) + ", error=\"invalid_token\"");
            }
            if (status.get().token().claims().cnf() != null) {
                // RFC 9449 §7.1, RFC 8705 §3: a sender-constrained token is worth nothing without its proof, which
                // forward-auth cannot check yet (no DPoP proof or client certificate reaches it): refuse, never pass it as a bearer token
                outcome = Outcome.INVALID_TOKEN;
                throw new OAuthException(ErrorCode.INVALID_TOKEN, "The access token is invalid")
                        .detail("sender-constrained token presented without its proof")
                        .header("WWW-Authenticate", realm(tenant) + ", error=\"invalid_token\"");
            }
            for (String s : required) {
                if (!status.get().token().claims().scope().contains(s)) {
                    outcome = Outcome.INSUFFICIENT_SCOPE;
                    throw new OAuthException(ErrorCode.INSUFFICIENT_SCOPE, "The access token lacks a required scope")
                            .header("WWW-Authenticate", realm(tenant) + ", error=\"insufficient_scope\", scope=\""
                                    + String.join(" ", required) + "\"");
                }
            }
            Allowed allowed = allow(tenant, status.get(), token, fromCookie ? null : header, fromCookie);
            outcome = Outcome.ALLOWED;
            return allowed;
        } finally {
            count(tenant.id(), outcome);
        }
    }

    private Allowed allow(Tenant tenant, TokenLookup.Status status, String token, String header, boolean fromCookie) {
        String authorization;
        long expiresAt;
        if (status.hash() == null) {
            // a JWT access token of the tenant is its own JWT form: forwarded as it came
            authorization = header != null && header.length() == PhantomTokens.BEARER.length() + token.length()
                    && header.startsWith(PhantomTokens.BEARER) ? header : PhantomTokens.BEARER + token;
            expiresAt = status.token().claims().expiresAt().toEpochMilli();
        } else {
            PhantomTokens.Minted minted = phantoms.jwt(tenant.id(), status);
            authorization = minted.authorization();
            expiresAt = minted.expiresAtMillis();
        }
        return new Allowed(authorization, maxAge(tenant, status, expiresAt), fromCookie);
    }

    /**
     * How long a gateway may reuse this answer: not past the forwarded JWT's expiry (never later than
     * the token's), and not past the staleness bound counted from when this node last read the token's
     * revocation status, so the gateway's cache and this node's together stay within the bound.
     */
    private int maxAge(Tenant tenant, TokenLookup.Status status, long expiresAt) {
        long now = clock.millis();
        long fresh = tenant.settings().gateway().revocationStalenessSeconds() * 1000L - (now - status.checkedAtMillis());
        long millis = Math.min(expiresAt - now, fresh);
        return millis <= 0 ? 0 : (int) (millis / 1000);
    }

    private String cookieToken(Tenant tenant, ForwardedRequest request) {
        try {
            return cookies.accessToken(tenant.id(), request).orElse(null);
        } catch (OAuthException e) {
            if (e.code().status() == ErrorCode.FORBIDDEN.status()) throw e;    // the Origin/CSRF rule's own refusal
            throw new OAuthException(ErrorCode.INVALID_TOKEN, "The access token is invalid")
                    .header("WWW-Authenticate", realm(tenant) + ", error=\"invalid_token\"").detail(e.detailOrDescription());
        }
    }

    /** RFC 6750 §2.1: {@code Bearer} (any case), one space, the token; null when there is none. */
    static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, PhantomTokens.BEARER, 0, PhantomTokens.BEARER.length())) {
            return null;
        }
        String t = header.substring(PhantomTokens.BEARER.length()).trim();
        return t.isEmpty() ? null : t;
    }

    /** The {@code scope} query parameter (RFC 6749 §3.3 syntax); a malformed one is the gateway's configuration error. */
    static List<String> requiredScopes(String scope) {
        if (scope == null || scope.isBlank()) return List.of();
        List<String> out = new ArrayList<>(2);
        for (String s : scope.split(" ")) {
            if (!s.isEmpty() && !out.contains(s)) out.add(s);
        }
        try {
            Scope.of(out);
        } catch (OAuthException e) {
            throw OAuthException.invalidRequest("The scope query parameter is malformed").detail("bad required scope token");
        }
        return out;
    }

    /**
     * The original request's method (CONTRACT §6.1): {@code X-Forwarded-Method}, else
     * {@code X-Original-Method}, else the call's. A client can add either header itself, and some
     * gateways pass it on, so no signal may make the method weaker than another: a method outside
     * {@link #METHODS} wins over a data-changing one, which wins over GET, HEAD and OPTIONS. (The call's
     * own method counts only when it is data-changing: Traefik always calls with GET.)
     */
    public static String originalMethod(String callMethod, String forwardedMethod, String originalMethod) {
        String call = normalise(callMethod);
        String forwarded = normalise(forwardedMethod);
        String original = normalise(originalMethod);
        String declared = forwarded != null ? forwarded : original;
        if (declared == null) return call == null ? "" : call;
        String strictest = declared;
        for (String other : new String[] {original, rank(call) == 1 ? call : null}) {
            if (other != null && rank(other) > rank(strictest)) strictest = other;
        }
        return strictest;
    }

    private static String normalise(String method) {
        if (method == null || method.isBlank()) return null;
        return method.trim().toUpperCase(Locale.ROOT);
    }

    /** 0: safe; 1: data-changing; 2: not allowed here. */
    private static int rank(String method) {
        if (method == null) return -1;
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> 0;
            case "POST", "PUT", "PATCH", "DELETE" -> 1;
            default -> 2;
        };
    }

    private String realm(Tenant tenant) {
        return "Bearer realm=\"" + issuers.issuer(tenant.id()) + "\"";
    }

    private void count(TenantId tenant, Outcome outcome) {
        counters.computeIfAbsent(tenant, t -> {
            Counter[] byOutcome = new Counter[Outcome.values().length];
            for (Outcome o : Outcome.values()) {
                byOutcome[o.ordinal()] = Counter.builder("tessera_forward_auth")
                        .description("Forward-auth answers by tenant and outcome")
                        .tags("tenant", t.value(), "outcome", o.label).register(metrics);
            }
            return byOutcome;
        })[outcome.ordinal()].increment();
    }
}
