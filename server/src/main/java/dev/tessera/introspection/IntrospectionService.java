package dev.tessera.introspection;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.keys.KeyService;
import dev.tessera.keys.TenantKeys;
import dev.tessera.protocol.OAuthResponse;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.token.RefreshTokenRecord;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.token.TokenClaims;
import dev.tessera.token.TokenHasher;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Token introspection: JSON (RFC 7662 §2.2) or a signed JWT (RFC 9701 §5) for the caller's tenant
 * only; a token of any other tenant is simply not active here. Access tokens are active for any
 * client of the tenant (resource servers introspect them); a refresh token only for the client it was
 * issued to (RFC 7662 §2.1; the token is that client's credential, nobody else's business).
 */
public final class IntrospectionService {
    /**
     * Whether a stored, unrevoked, unconsumed refresh token could still be redeemed: its user active
     * and, unless offline, its sign-in session alive (what the refresh grant checks; wired by the
     * composition root, which knows users and sessions).
     */
    public interface RefreshTokenCheck {
        boolean redeemable(TenantId tenant, RefreshTokenRecord token);
    }

    public static final String JWT_MEDIA_TYPE = "application/token-introspection+jwt";
    private static final JOSEObjectType JWT_TYPE = new JOSEObjectType("token-introspection+jwt");

    private static final OAuthResponse INACTIVE = OAuthResponse.json(200, "{\"active\":false}");
    private record Key(TenantId tenant, String jti) {}

    private final TokenLookup lookup;
    private final KeyService keys;
    private final IssuerUrls issuers;
    private final Clock clock;
    /**
     * The JSON answer for an active token, by jti: it depends only on the token's claims, which never
     * change, so it is built once. Whether the token is still active is decided per request, before this.
     */
    private final Cache<Key, OAuthResponse> activeJson = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private final RefreshTokenRepository refreshTokens;
    private final TokenHasher hasher;
    private final RefreshTokenCheck refreshCheck;

    public IntrospectionService(TokenLookup lookup, KeyService keys, IssuerUrls issuers, RefreshTokenRepository refreshTokens,
                                TokenHasher hasher, RefreshTokenCheck refreshCheck, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.refreshCheck = refreshCheck;
        this.lookup = lookup;
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
    }

    public Optional<ActiveToken> introspect(TenantId tenant, TenantSettings settings, String token) {
        return lookup.find(tenant, settings, token);
    }

    /**
     * RFC 7662 §2.1: a live refresh token of the caller (not revoked, not rotated, not expired, still
     * redeemable). A refresh token of another client is not active for this caller.
     */
    public Optional<TokenIntrospectionSuccessResponse> refreshToken(TenantId tenant, AuthenticatedClient caller, String token) {
        if (token == null || token.isEmpty() || token.length() > 8192 || token.indexOf('.') >= 0) return Optional.empty();
        Instant now = clock.instant();
        return refreshTokens.find(tenant, hasher.hash(token))
                .filter(r -> r.clientId().equals(caller.clientId()))
                .filter(r -> r.lifetime().consumedAt() == null && r.isUsableAt(now))
                .filter(r -> refreshCheck.redeemable(tenant, r))
                .map(r -> {
                    RefreshTokenRecord.Lifetime l = r.lifetime();
                    Instant exp = l.expiresAt().isBefore(l.familyExpiresAt()) ? l.expiresAt() : l.familyExpiresAt();
                    TokenIntrospectionSuccessResponse.Builder b = new TokenIntrospectionSuccessResponse.Builder(true)
                            .issuer(new Issuer(issuers.issuer(tenant)))
                            .clientID(new ClientID(r.clientId().value()))
                            .subject(new Subject(r.subject()))
                            .expirationTime(Date.from(exp))
                            .issueTime(Date.from(l.issuedAt()))
                            .parameter("tenant_id", tenant.value());
                    if (!r.scope().isEmpty()) b.scope(com.nimbusds.oauth2.sdk.Scope.parse(r.scope().toString()));
                    if (!r.resources().isEmpty()) b.audience(Audience.create(r.resources()));
                    return b.build();
                });
    }

    /** RFC 7662 §2.2 members, plus {@code tenant_id}. */
    public TokenIntrospectionSuccessResponse toResponse(TenantId tenant, Optional<ActiveToken> token) {
        if (token.isEmpty()) {
            return new TokenIntrospectionSuccessResponse.Builder(false).build();
        }
        TokenClaims c = token.get().claims();
        TokenIntrospectionSuccessResponse.Builder b = new TokenIntrospectionSuccessResponse.Builder(true)
                .issuer(new Issuer(issuers.issuer(tenant)))
                .clientID(new ClientID(c.clientId().value()))
                .subject(new Subject(c.subject()))
                .audience(Audience.create(c.audience()))
                .expirationTime(Date.from(c.expiresAt()))
                .issueTime(Date.from(c.issuedAt()))
                .jwtID(new JWTID(c.jti()))
                .tokenType(AccessTokenType.BEARER)
                .parameter("tenant_id", tenant.value());
        if (!c.scope().isEmpty()) b.scope(com.nimbusds.oauth2.sdk.Scope.parse(c.scope().toString()));
        c.custom().values().forEach(b::parameter);                 // RFC 7662 §2.2: "other claims" of the token
        if (c.cnf() != null) {
            try {
                b.parameter("cnf", com.nimbusds.jose.util.JSONObjectUtils.parse(c.cnf()));
            } catch (java.text.ParseException ignored) {
                // stored cnf is always JSON
            }
        }
        return b.build();
    }

    public OAuthResponse json(TenantId tenant, Optional<ActiveToken> token) {
        if (token.isEmpty()) return INACTIVE;
        return activeJson.get(new Key(tenant, token.get().claims().jti()),
                k -> OAuthResponse.json(200, toResponse(tenant, token).toJSONObject().toJSONString()));
    }

    /**
     * RFC 9701 §5: {@code iss}, {@code aud} (the caller), {@code iat} and the {@code token_introspection}
     * member, signed with the caller's {@code introspection_signed_response_alg} (§6: default RS256).
     */
    public OAuthResponse jwt(TenantId tenant, AuthenticatedClient caller, Optional<ActiveToken> token) {
        return jwt(tenant, caller, toResponse(tenant, token).toJSONObject());
    }

    /** As {@link #jwt(TenantId, AuthenticatedClient, Optional)}, for an answer already built. */
    public OAuthResponse jwt(TenantId tenant, AuthenticatedClient caller, Map<String, Object> body) {
        TenantKeys.Signer tk = keys.keys(tenant).signerFor(caller.client().introspectionSignedResponseAlg());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuers.issuer(tenant))
                .audience(caller.clientId().value())
                .issueTime(Date.from(clock.instant()))
                .claim("token_introspection", body)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(tk.algorithm()).type(JWT_TYPE).keyID(tk.kid()).build(), claims);
        try {
            jwt.sign(tk.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return new OAuthResponse(200, Map.of(), JWT_MEDIA_TYPE, jwt.serialize().getBytes(StandardCharsets.US_ASCII));
    }
}
