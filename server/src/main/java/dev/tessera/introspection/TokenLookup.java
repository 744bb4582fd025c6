package dev.tessera.introspection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.keys.KeyService;
import dev.tessera.keys.TenantKeys;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.token.AccessTokenRecord;
import dev.tessera.token.AccessTokenValues;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.JwtAccessTokens;
import dev.tessera.token.RevokedJwtRepository;
import dev.tessera.token.CustomClaims;
import dev.tessera.token.TokenClaims;
import dev.tessera.token.TokenHash;
import dev.tessera.token.TokenHasher;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds out whether a presented access token is active, for introspection, revocation and
 * forward-auth. Opaque tokens: keyed hash → bounded cache → storage; a cached entry lives no longer
 * than the tenant's revocation staleness bound, so revocation on another node is seen within it, and
 * revocation on this node at once. JWT access tokens: signature by a published tenant key, issuer,
 * expiry, then the revocation list (cached under the same bound). The caches run on the injected
 * clock, so an entry's age and its expiry are one timeline.
 */
public final class TokenLookup {
    /**
     * An active token with what caches derived from it need: the keyed hash and grant family of an
     * opaque token (null for a JWT), and when its revocation status was last read from storage, so a
     * derived cache (a gateway's) can keep within the staleness bound that remains.
     */
    public record Status(ActiveToken token, TokenHash hash, String grantId, long checkedAtMillis) {}

    /** Told when this node learns that tokens stopped being active, so caches derived from them drop entries. */
    public interface Invalidations {
        void token(TenantId tenant, TokenHash hash);

        void grant(TenantId tenant, String grantId);

        void tenant(TenantId tenant);
    }

    private record Key(TenantId tenant, String id) {}
    private interface Timed { long staleAfterNanos(); }
    private record Cached(Optional<AccessTokenRecord> record, long staleAfterNanos, long checkedAtMillis) implements Timed {}
    private record Flag(boolean revoked, long staleAfterNanos, long checkedAtMillis) implements Timed {}

    private final AccessTokenRepository accessTokens;
    private final RevokedJwtRepository revokedJwts;
    private final TokenHasher hasher;
    private final KeyService keys;
    private final IssuerUrls issuers;
    private final dev.tessera.client.ClientDirectory clients;
    private final Clock clock;
    private final Cache<Key, Cached> opaque;
    private final Cache<Key, Flag> revokedJtis;
    /** Grant families revoked on this node, so cached tokens of theirs are refused at once. */
    private final Cache<Key, Boolean> revokedGrants = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1)).build();
    private final List<Invalidations> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TokenLookup(AccessTokenRepository accessTokens, RevokedJwtRepository revokedJwts, TokenHasher hasher,
                       KeyService keys, IssuerUrls issuers, dev.tessera.client.ClientDirectory clients, Clock clock) {
        this.clients = clients;
        this.accessTokens = accessTokens;
        this.revokedJwts = revokedJwts;
        this.hasher = hasher;
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
        com.github.benmanes.caffeine.cache.Ticker ticker = () -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.opaque = Caffeine.newBuilder().maximumSize(500_000).ticker(ticker).expireAfter(new StalenessExpiry<Cached>()).build();
        this.revokedJtis = Caffeine.newBuilder().maximumSize(500_000).ticker(ticker).expireAfter(new StalenessExpiry<Flag>()).build();
    }

    /** Adds a cache to tell about revocations and evictions on this node (wired by the composition root). */
    public void addInvalidationListener(Invalidations listener) {
        listeners.add(listener);
    }

    /**
     * The active token, or empty when unknown, expired, revoked, malformed, of another tenant, or of a
     * client that no longer exists (RFC 7592 §2.3).
     */
    public Optional<ActiveToken> find(TenantId tenant, TenantSettings settings, String token) {
        return status(tenant, settings, token).map(Status::token);
    }

    /** As {@link #find}, with the hash, grant family and status age of the token. */
    public Optional<Status> status(TenantId tenant, TenantSettings settings, String token) {
        return statusIgnoringClient(tenant, settings, token)
                .filter(s -> clients.find(tenant, s.token().claims().clientId()).isPresent());
    }

    private Optional<Status> statusIgnoringClient(TenantId tenant, TenantSettings settings, String token) {
        if (token == null || token.isEmpty() || token.length() > 8192) return Optional.empty();
        Instant now = clock.instant();
        if (token.indexOf('.') >= 0) {
            return verifyJwt(tenant, settings, token, now);
        }
        if (!AccessTokenValues.wellFormed(token)) return Optional.empty();
        TokenHash hash = AccessTokenValues.hash(hasher, token);
        Cached c = cachedOpaque(tenant, settings, hash);
        return c.record()
                .filter(r -> r.isActiveAt(now))
                .filter(r -> r.grantId() == null || revokedGrants.getIfPresent(new Key(tenant, r.grantId())) == null)
                .map(r -> new Status(new ActiveToken(r.claims(), "opaque"), hash, r.grantId(), c.checkedAtMillis()));
    }

    /** The stored opaque token record (active or not), through the cache. */
    public Optional<AccessTokenRecord> findOpaque(TenantId tenant, TenantSettings settings, TokenHash hash) {
        return cachedOpaque(tenant, settings, hash).record();
    }

    private Cached cachedOpaque(TenantId tenant, TenantSettings settings, TokenHash hash) {
        Key key = new Key(tenant, hash.value());
        Cached c = opaque.getIfPresent(key);
        if (c != null) return c;
        long checkedAt = clock.millis();
        Optional<AccessTokenRecord> r = accessTokens.find(tenant, hash);
        long ttl = Duration.ofSeconds(settings.gateway().revocationStalenessSeconds()).toNanos();
        c = new Cached(r, ttl, checkedAt);
        if (r.isPresent()) {
            long remaining = Duration.between(clock.instant(), r.get().claims().expiresAt()).toNanos();
            long life = Math.min(ttl, remaining);
            if (life > 0) opaque.put(key, new Cached(r, life, checkedAt));
        }
        return c;
    }

    /** Forgets a cached opaque token (after revoking it on this node). */
    public void evict(TenantId tenant, TokenHash hash) {
        opaque.invalidate(new Key(tenant, hash.value()));
        listeners.forEach(l -> l.token(tenant, hash));
    }

    /** Marks a grant family revoked on this node (its tokens are revoked in storage too). */
    public void grantRevoked(TenantId tenant, String grantId) {
        revokedGrants.put(new Key(tenant, grantId), Boolean.TRUE);
        revokedJtis.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
        listeners.forEach(l -> l.grant(tenant, grantId));
    }

    public void evictJti(TenantId tenant, String jti) {
        revokedJtis.invalidate(new Key(tenant, jti));
    }

    public void evictTenant(TenantId tenant) {
        opaque.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
        revokedJtis.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
        listeners.forEach(l -> l.tenant(tenant));
    }

    /** Verifies a JWT access token of this tenant (signature, typ, iss, tenant_id, exp); not the revocation list. */
    public Optional<TokenClaims> verifyJwtSignatureAndClaims(TenantId tenant, String token, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JwtAccessTokens.AT_JWT.equals(jwt.getHeader().getType())) return Optional.empty();
            TenantKeys tk = keys.keys(tenant);
            JWSVerifier verifier = tk.verifier(jwt.getHeader().getKeyID());
            if (verifier == null || !verifier.verify(jwt.getHeader(), jwt.getSigningInput(), jwt.getSignature())) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!issuers.issuer(tenant).equals(c.getIssuer()) || !tenant.value().equals(c.getStringClaim("tenant_id"))
                    || c.getExpirationTime() == null || !c.getExpirationTime().toInstant().isAfter(now)
                    || c.getJWTID() == null || c.getSubject() == null || c.getStringClaim("client_id") == null
                    || c.getClaim(JwtAccessTokens.FORM_OF_OPAQUE) != null) {        // an opaque token's JWT form is for APIs only
                return Optional.empty();
            }
            Object cnf = c.getClaim("cnf");
            String cnfJson = cnf instanceof Map<?, ?> m ? new net.minidev.json.JSONObject((Map<String, ?>) m).toJSONString() : null;
            return Optional.of(new TokenClaims(c.getJWTID(), new ClientId(c.getStringClaim("client_id")), c.getSubject(),
                    Scope.parse(c.getStringClaim("scope")), c.getAudience() == null ? List.of() : c.getAudience(),
                    "unknown", c.getIssueTime() == null ? now : c.getIssueTime().toInstant(),
                    c.getExpirationTime().toInstant(), cnfJson, CustomClaims.of(c.getClaims())));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Status> verifyJwt(TenantId tenant, TenantSettings settings, String token, Instant now) {
        Optional<TokenClaims> claims = verifyJwtSignatureAndClaims(tenant, token, now);
        if (claims.isEmpty()) return Optional.empty();
        String jti = claims.get().jti();
        Key key = new Key(tenant, jti);
        Flag f = revokedJtis.getIfPresent(key);
        if (f == null) {
            long checkedAt = clock.millis();
            f = new Flag(revokedJwts.isRevoked(tenant, jti),
                    Duration.ofSeconds(settings.gateway().revocationStalenessSeconds()).toNanos(), checkedAt);
            if (f.staleAfterNanos() > 0) revokedJtis.put(key, f);
        }
        if (f.revoked()) return Optional.empty();
        return Optional.of(new Status(new ActiveToken(claims.get(), "jwt"), null, null, f.checkedAtMillis()));
    }

    /** Each entry lives for its own staleness bound. */
    private static final class StalenessExpiry<V extends Timed> implements Expiry<Key, V> {
        public long expireAfterCreate(Key k, V v, long now) { return v.staleAfterNanos(); }
        public long expireAfterUpdate(Key k, V v, long now, long d) { return v.staleAfterNanos(); }
        public long expireAfterRead(Key k, V v, long now, long d) { return d; }
    }
}
