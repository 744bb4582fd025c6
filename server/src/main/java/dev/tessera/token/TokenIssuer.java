package dev.tessera.token;

import dev.tessera.keys.RandomValues;
import dev.tessera.keys.KeyService;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints access tokens from one {@link AccessTokenRequest}: identity and times, the sender binding's
 * {@code cnf}, the claims of every {@link ClaimsCustomizer} in order, then the format: opaque (256
 * random bits, only the keyed hash stored) or an RFC 9068 JWT (signed with the tenant's active key,
 * not stored). Spec: RFC 6749 §1.4; RFC 9068; RFC 7800.
 */
public final class TokenIssuer {
    public static final String OPAQUE = "opaque";
    public static final String JWT = "jwt";

    private final KeyService keys;
    private final AccessTokenRepository accessTokens;
    private final RevokedJwtRepository jwtGrants;
    private final TokenHasher hasher;
    private final IssuerUrls issuers;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final List<ClaimsCustomizer> customizers;
    private final ConcurrentHashMap<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final AccessTokenValues values = new AccessTokenValues();

    public TokenIssuer(KeyService keys, AccessTokenRepository accessTokens, RevokedJwtRepository jwtGrants,
                       TokenHasher hasher, IssuerUrls issuers, Clock clock, MeterRegistry metrics,
                       List<ClaimsCustomizer> customizers) {
        this.keys = keys;
        this.accessTokens = accessTokens;
        this.jwtGrants = jwtGrants;
        this.hasher = hasher;
        this.issuers = issuers;
        this.clock = clock;
        this.metrics = metrics;
        this.customizers = List.copyOf(customizers);
    }

    public IssuedToken issue(AccessTokenRequest req) {
        TenantId tenant = req.tenant();
        TenantSettings settings = req.settings();
        Instant now = clock.instant();
        long ttl = settings.tokens().accessTokenTtlSeconds();
        if (req.notAfter() != null) ttl = Math.max(0, Math.min(ttl, req.notAfter().getEpochSecond() - now.getEpochSecond()));
        Instant exp = now.plusSeconds(ttl);
        List<String> audience = req.audience().isEmpty()
                ? List.of(settings.tokens().defaultAudience() != null ? settings.tokens().defaultAudience() : issuers.issuer(tenant))
                : req.audience();
        String format = req.format() != null ? req.format() : settings.tokens().accessTokenFormat();
        TokenClaims claims = new TokenClaims(RandomValues.token(16), req.clientId(), req.subject(), req.scope(),
                audience, req.grantType(), now, exp, req.binding().cnfJson(), custom(req));
        String value;
        if (JWT.equals(format)) {
            value = JwtAccessTokens.sign(keys.keys(tenant), JwtAccessTokens.claimsSet(issuers.issuer(tenant), tenant, claims));
            if (req.grantId() != null) jwtGrants.recordGrant(tenant, claims.jti(), req.grantId(), exp);
        } else {
            format = OPAQUE;
            value = values.mint(now);
            accessTokens.save(tenant, new AccessTokenRecord(AccessTokenValues.hash(hasher, value), claims, req.grantId(), null));
        }
        count(tenant, req.grantType(), format);
        return new IssuedToken(value, format, claims, ttl, req.binding());
    }

    private CustomClaims custom(AccessTokenRequest req) {
        if (customizers.isEmpty()) return CustomClaims.NONE;
        CustomClaims.Builder b = new CustomClaims.Builder();
        for (ClaimsCustomizer c : customizers) c.customize(req, b);
        return b.build();
    }

    /** Counts other token types (refresh, id) in {@code tessera_tokens_issued_total}. */
    public void countIssued(TenantId tenant, String grantType, String tokenType) {
        count(tenant, grantType, tokenType);
    }

    private void count(TenantId tenant, String grantType, String tokenType) {
        counters.computeIfAbsent(List.of(tenant.value(), grantType, tokenType), k -> Counter
                .builder("tessera_tokens_issued")
                .description("Tokens issued")
                .tags("tenant", k.get(0), "grant_type", k.get(1), "token_type", k.get(2))
                .register(metrics)).increment();
    }
}
