package dev.tessera.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tessera.introspection.TokenLookup;
import dev.tessera.keys.KeyService;
import dev.tessera.keys.TenantKeys;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.token.JwtAccessTokens;
import dev.tessera.token.TokenClaims;
import dev.tessera.token.TokenHash;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The JWT form of opaque access tokens (the phantom token pattern), signed once and reused: a cache
 * keyed by tenant and token hash. Whether the opaque token is still active is not this cache's
 * business: callers ask {@link TokenLookup} on every request and come here only for an active token.
 * An entry never outlives its JWT (whose {@code exp} is never later than the opaque token's), is
 * replaced shortly before that while the opaque token lives on, and when the tenant's active signing
 * key changed; it is dropped when this node revokes the token or its grant family, or deletes the tenant.
 * Spec: RFC 9068 §2; CONTRACT §6.1, §6.3.
 */
public final class PhantomTokens implements TokenLookup.Invalidations {
    private static final long MAX_LIFETIME_MILLIS = GatewayDefaults.MAX_JWT_LIFETIME.toMillis();
    private static final long RENEW_BEFORE_MILLIS = GatewayDefaults.RENEW_BEFORE.toMillis();

    /**
     * A minted JWT form. {@code authorization} is the ready header value {@code "Bearer <jwt>"};
     * {@code expiresAtMillis} is the JWT's {@code exp}; {@code lastsAsLongAsToken} when that is the
     * opaque token's own expiry (nothing to renew then).
     */
    public record Minted(String authorization, String kid, long expiresAtMillis, boolean lastsAsLongAsToken,
                         String grantId) {
        public String jwt() {
            return authorization.substring(BEARER.length());
        }

        boolean usableAt(long now, String activeKid) {
            if (!kid.equals(activeKid)) return false;
            return lastsAsLongAsToken ? expiresAtMillis > now : expiresAtMillis - now > RENEW_BEFORE_MILLIS;
        }
    }

    static final String BEARER = "Bearer ";

    private record Key(TenantId tenant, TokenHash hash) {}

    private final TokenLookup lookup;
    private final KeyService keys;
    private final IssuerUrls issuers;
    private final Clock clock;
    private final Cache<Key, Minted> cache;
    private final Counter hits;
    private final Counter misses;

    public PhantomTokens(TokenLookup lookup, KeyService keys, IssuerUrls issuers, Clock clock, MeterRegistry metrics) {
        this.lookup = lookup;
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(GatewayDefaults.JWT_CACHE_BYTES)
                .weigher((Key k, Minted m) -> 2 * m.authorization().length() + 200)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new UntilExpiry())
                .build();
        this.hits = jwtCounter(metrics, "hit");
        this.misses = jwtCounter(metrics, "miss");
        Gauge.builder("tessera_forward_auth_jwt_cache_size", cache, Cache::estimatedSize)
                .description("JWT forms of opaque tokens held by forward-auth").register(metrics);
    }

    private static Counter jwtCounter(MeterRegistry metrics, String result) {
        return Counter.builder("tessera_forward_auth_jwt_cache")
                .description("Lookups of the JWT form of an opaque token: hit (reused) or miss (signed)")
                .tag("result", result).register(metrics);
    }

    /** The JWT form of an active opaque token ({@code status.hash()} not null), from the cache or signed now. */
    public Minted jwt(TenantId tenant, TokenLookup.Status status) {
        Key key = new Key(tenant, status.hash());
        long now = clock.millis();
        TenantKeys tk = keys.keys(tenant);
        Minted m = cache.getIfPresent(key);
        if (m != null && m.usableAt(now, tk.activeKid())) {
            hits.increment();
            return m;
        }
        misses.increment();
        // compute: concurrent first requests for one token sign it once
        return cache.asMap().compute(key, (k, old) -> old != null && old.usableAt(now, tk.activeKid()) ? old
                : mint(tenant, tk, status, now));
    }

    /**
     * The JWT form of any presented token, for the introspection endpoint's {@code application/jwt}
     * answer: empty when the token is not active; a JWT access token is its own JWT form.
     */
    public Optional<Form> jwtForm(TenantId tenant, TenantSettings settings, String token) {
        return lookup.status(tenant, settings, token)
                .map(s -> new Form(s.hash() == null ? token : jwt(tenant, s).jwt(), s.token().claims()));
    }

    /** A token's JWT form and the claims of the token it stands for. */
    public record Form(String jwt, TokenClaims claims) {}

    private Minted mint(TenantId tenant, TenantKeys tk, TokenLookup.Status status, long now) {
        TokenClaims c = status.token().claims();
        long tokenExp = c.expiresAt().toEpochMilli();
        boolean wholeLife = tokenExp <= now + MAX_LIFETIME_MILLIS;
        // JWT times are whole seconds: round down, so the JWT never outlives the opaque token
        long exp = (wholeLife ? tokenExp : now + MAX_LIFETIME_MILLIS) / 1000 * 1000;
        TokenClaims form = c.expiringAt(Instant.ofEpochMilli(exp));
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder(JwtAccessTokens.claimsSet(issuers.issuer(tenant), tenant, form))
                .claim(JwtAccessTokens.FORM_OF_OPAQUE, true).build();
        String jwt = JwtAccessTokens.sign(tk, claims);
        return new Minted(BEARER + jwt, tk.activeKid(), exp, wholeLife, status.grantId());
    }

    @Override
    public void token(TenantId tenant, TokenHash hash) {
        cache.invalidate(new Key(tenant, hash));
    }

    @Override
    public void grant(TenantId tenant, String grantId) {
        cache.asMap().entrySet().removeIf(e -> e.getKey().tenant().equals(tenant) && grantId.equals(e.getValue().grantId()));
    }

    @Override
    public void tenant(TenantId tenant) {
        cache.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
    }

    /** An entry lives until its JWT expires (the cache's ticker is the injected clock). */
    private static final class UntilExpiry implements Expiry<Key, Minted> {
        private static long life(Minted m, long now) {
            return Math.max(0, TimeUnit.MILLISECONDS.toNanos(m.expiresAtMillis()) - now);
        }

        public long expireAfterCreate(Key k, Minted m, long now) { return life(m, now); }

        public long expireAfterUpdate(Key k, Minted m, long now, long current) { return life(m, now); }

        public long expireAfterRead(Key k, Minted m, long now, long current) { return current; }
    }
}
