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
import dev.tessera.token.TokenClaims;
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
 * only; a token of any other tenant is simply not active here.
 */
public final class IntrospectionService {
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

    public IntrospectionService(TokenLookup lookup, KeyService keys, IssuerUrls issuers, Clock clock) {
        this.lookup = lookup;
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
    }

    public Optional<ActiveToken> introspect(TenantId tenant, TenantSettings settings, String token) {
        return lookup.find(tenant, settings, token);
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

    /** RFC 9701 §5: {@code iss}, {@code aud} (the caller), {@code iat} and the {@code token_introspection} member. */
    public OAuthResponse jwt(TenantId tenant, AuthenticatedClient caller, Optional<ActiveToken> token) {
        TenantKeys tk = keys.keys(tenant);
        Map<String, Object> body = toResponse(tenant, token).toJSONObject();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuers.issuer(tenant))
                .audience(caller.clientId().value())
                .issueTime(Date.from(clock.instant()))
                .claim("token_introspection", body)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(tk.algorithm()).type(JWT_TYPE).keyID(tk.activeKid()).build(), claims);
        try {
            jwt.sign(tk.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return new OAuthResponse(200, Map.of(), JWT_MEDIA_TYPE, jwt.serialize().getBytes(StandardCharsets.US_ASCII));
    }
}
