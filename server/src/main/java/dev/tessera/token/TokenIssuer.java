package dev.tessera.token;

import dev.tessera.keys.KeyService;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
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
 * Mints access tokens: opaque (256 random bits, only the keyed hash stored) or RFC 9068 JWTs
 * (signed with the tenant's active key, not stored). Spec: RFC 6749 §1.4; RFC 9068.
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
    private final ConcurrentHashMap<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final AccessTokenValues values = new AccessTokenValues();

    public TokenIssuer(KeyService keys, AccessTokenRepository accessTokens, RevokedJwtRepository jwtGrants,
                       TokenHasher hasher, IssuerUrls issuers, Clock clock, MeterRegistry metrics) {
        this.keys = keys;
        this.accessTokens = accessTokens;
        this.jwtGrants = jwtGrants;
        this.hasher = hasher;
        this.issuers = issuers;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What the grant decided; the issuer adds identity, times and format. */
    public record AccessTokenRequest(ClientId clientId, String subject, Scope scope, List<String> audience,
                                     String grantType, String format, String cnf, String grantId) {}

    public IssuedToken issueAccessToken(TenantId tenant, TenantSettings settings, AccessTokenRequest req) {
        Instant now = clock.instant();
        Instant exp = now.plusSeconds(settings.accessTokenTtlSeconds());
        List<String> audience = req.audience().isEmpty()
                ? List.of(settings.defaultAudience() != null ? settings.defaultAudience() : issuers.issuer(tenant))
                : req.audience();
        String format = req.format() != null ? req.format() : settings.accessTokenFormat();
        TokenClaims claims = new TokenClaims(RandomValues.token(16), req.clientId(), req.subject(), req.scope(),
                audience, req.grantType(), now, exp, req.cnf());
        String value;
        if (JWT.equals(format)) {
            value = JwtAccessTokens.sign(keys.keys(tenant),
                    JwtAccessTokens.claimsSet(issuers.issuer(tenant), tenant, claims));
            if (req.grantId() != null) jwtGrants.recordGrant(tenant, claims.jti(), req.grantId(), exp);
        } else {
            format = OPAQUE;
            value = values.mint(now);
            accessTokens.save(tenant, new AccessTokenRecord(AccessTokenValues.hash(hasher, value), claims, req.grantId(), null));
        }
        count(tenant, req.grantType(), format);
        return new IssuedToken(value, format, claims, settings.accessTokenTtlSeconds());
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
