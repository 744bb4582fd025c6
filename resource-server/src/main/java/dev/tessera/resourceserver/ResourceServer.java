package dev.tessera.resourceserver;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides whether an API request may proceed: it carries a valid RFC 9068 access token of a trusted
 * Tessera tenant, of the tenant the request addresses, with the scopes its route needs. Framework-free:
 * call {@link #authorize} from any filter or before-handler (see README), or use
 * {@code servlet.BearerTokenFilter}. Thread-safe; build one per API and keep it.
 * Spec: RFC 9068 §4; RFC 6750 §2.1, §3; seed 002 (tenant_id).
 */
public final class ResourceServer {
    /** RFC 6750 §2.1: {@code b64token}. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern REALM = Pattern.compile("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

    private final List<Route> routes;
    private final TenantResolver tenants;
    private final String realm;
    private final TokenVerifier verifier;

    private ResourceServer(Builder b) {
        this.routes = List.copyOf(b.routes);
        this.tenants = b.tenants;
        this.realm = b.realm;
        this.verifier = new TokenVerifier(b.issuers, b.audiences, b.algorithms, b.leeway, b.clock,
                new TokenVerifier.JwksPolicy(b.jwksCacheTtl, b.jwksMinRefreshInterval, b.jwksTimeout));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Authorises one request. Checks, in this order, each failing closed: the path is canonical (else
     * 400), a route matches (else 403), a bearer token is present (else 401 without error code) and
     * well-formed (else 400), the token is valid (else 401 {@code invalid_token}), it belongs to the
     * tenant the request addresses (else 403), it has the route's scopes (else 403 {@code insufficient_scope}).
     *
     * @param method the request method
     * @param path   the request path as received, not decoded (a query string is ignored)
     * @param header the request's header fields by name, case-insensitive; null when absent. A repeated
     *               field is its values joined by {@code ", "} (RFC 9110 §5.3), so two
     *               {@code Authorization} fields make an invalid request.
     */
    public Decision authorize(String method, String path, Function<String, String> header) {
        List<String> segments = Route.RequestPath.segments(path);
        if (segments == null || method == null || method.isBlank()) {
            return Decision.Deny.invalidRequest(realm, "The request method or path is malformed", method + " " + path);
        }
        Route.Match match = null;
        for (Route r : routes) {
            match = r.match(method, segments);
            if (match != null) break;
        }
        if (match == null) {
            return Decision.Deny.forbidden(realm, "No access rule allows this request", null, "no route for " + method);
        }
        String authorization = header.apply("Authorization");
        if (authorization == null || authorization.isBlank()) return Decision.Deny.noToken(realm, "no Authorization");
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer")) return Decision.Deny.noToken(realm, "scheme " + scheme);
        String token = authorization.substring(space < 0 ? authorization.length() : space).stripLeading();
        if (token.length() > TokenVerifier.MAX_TOKEN_LENGTH || !B64TOKEN.matcher(token).matches()) {
            return Decision.Deny.invalidRequest(realm, "The Authorization header is malformed", "not one b64token");
        }
        AccessToken at;
        try {
            at = verifier.verify(token);
        } catch (InvalidTokenException e) {
            return Decision.Deny.invalidToken(realm, e);
        }
        String addressed = tenants.tenant(match.pathTenant(), header);
        if (addressed == null || !addressed.equals(at.tenant())) {
            return Decision.Deny.forbidden(realm, "The access token belongs to another tenant", null,
                    "token of tenant " + at.tenant() + ", request for " + addressed);
        }
        Set<String> required = match.route().scopes();
        if (!at.hasScopes(required)) {
            return Decision.Deny.forbidden(realm, "The access token lacks a required scope", required,
                    "token scopes: " + at.scope());
        }
        return new Decision.Allow(at);
    }

    /** Verifies a token without any route, tenant or scope rule (for callers with their own policy). */
    public AccessToken verify(String token) throws InvalidTokenException {
        return verifier.verify(token);
    }

    /** Configures a {@link ResourceServer}. Issuers, audiences and routes are required. */
    public static final class Builder {
        private final List<TrustedIssuer> issuers = new ArrayList<>();
        private final Set<String> audiences = new LinkedHashSet<>();
        private final List<Route> routes = new ArrayList<>();
        private Set<JWSAlgorithm> algorithms = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA);
        private TenantResolver tenants = TenantResolver.PATH;
        private String realm = "api";
        private Duration leeway = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Duration jwksCacheTtl = Duration.ofMinutes(5);
        private Duration jwksMinRefreshInterval = Duration.ofSeconds(30);
        private Duration jwksTimeout = Duration.ofSeconds(5);

        private Builder() {}

        /** Trusts these tenants of the Tessera at {@code publicUrl} (issuer {@code {publicUrl}/t/{tenant}}). */
        public Builder trustTessera(String publicUrl, String... tenants) {
            for (String t : tenants) issuers.add(TrustedIssuer.tessera(publicUrl, t));
            return this;
        }

        public Builder trust(TrustedIssuer issuer) {
            issuers.add(issuer);
            return this;
        }

        /** Identifiers this API answers to; a token's {@code aud} must contain one (RFC 9068 §4 step 4). */
        public Builder audience(String... values) {
            audiences.addAll(List.of(values));
            return this;
        }

        /** An access rule; the first route matching a request decides (see {@link Route}). */
        public Builder route(String method, String template, String... scopes) {
            routes.add(Route.of(method, template, scopes));
            return this;
        }

        /** How the addressed tenant is found; default {@link TenantResolver#PATH}. */
        public Builder tenantResolver(TenantResolver resolver) {
            this.tenants = resolver;
            return this;
        }

        /** Allowed signing algorithms, a subset of ES256, RS256 and EdDSA (RFC 8725 §3.1). */
        public Builder algorithms(JWSAlgorithm... allowed) {
            Set<JWSAlgorithm> s = Set.of(allowed);
            if (s.isEmpty() || !Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA).containsAll(s)) {
                throw new IllegalArgumentException("algorithms must be a non-empty subset of ES256, RS256, EdDSA");
            }
            this.algorithms = s;
            return this;
        }

        /** The realm of {@code WWW-Authenticate} challenges (RFC 6750 §3); default {@code api}. */
        public Builder realm(String realm) {
            if (!REALM.matcher(realm).matches()) throw new IllegalArgumentException("realm must be printable ASCII without quotes");
            this.realm = realm;
            return this;
        }

        /** Clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}: 0 to 60 s, default 30 s. */
        public Builder leeway(Duration leeway) {
            if (leeway.isNegative() || leeway.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("leeway must be between 0 and 60 seconds");
            }
            this.leeway = leeway;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * JWKS caching per issuer: keep a fetched key set for {@code ttl} (default 5 min); on a token with
         * an unknown {@code kid}, refetch at most twice per {@code minRefreshInterval} (default 30 s);
         * give up a fetch after {@code timeout} (default 5 s).
         */
        public Builder jwks(Duration ttl, Duration minRefreshInterval, Duration timeout) {
            if (ttl.compareTo(minRefreshInterval) <= 0) throw new IllegalArgumentException("ttl must exceed minRefreshInterval");
            this.jwksCacheTtl = ttl;
            this.jwksMinRefreshInterval = minRefreshInterval;
            this.jwksTimeout = timeout;
            return this;
        }

        public ResourceServer build() {
            if (issuers.isEmpty()) throw new IllegalStateException("trust at least one issuer");
            if (audiences.isEmpty()) throw new IllegalStateException("name at least one audience");
            if (routes.isEmpty()) throw new IllegalStateException("add at least one route");
            if (issuers.stream().map(TrustedIssuer::issuer).distinct().count() != issuers.size()) {
                throw new IllegalStateException("an issuer is trusted twice");
            }
            if (tenants == TenantResolver.PATH) {
                for (Route r : routes) {
                    if (!r.hasTenantSegment()) {
                        throw new IllegalStateException("route " + r + " has no {tenant} segment; set a tenantResolver");
                    }
                }
            }
            return new ResourceServer(this);
        }
    }
}
