package dev.tessera.revocation;

import dev.tessera.client.AuthenticatedClient;
import dev.tessera.introspection.TokenLookup;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.AccessTokenRecord;
import dev.tessera.token.AccessTokenValues;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.RevokedJwtRepository;
import dev.tessera.token.TokenClaims;
import dev.tessera.token.TokenHash;
import dev.tessera.token.TokenHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Token revocation. Opaque tokens are marked revoked; JWT access tokens go on the tenant's revocation
 * list by {@code jti} until they would have expired. A token issued to another client is refused
 * (§2.1); an unknown, invalid or expired token is answered 200 (§2.2).
 * Spec: RFC 7009 §2.1–2.2.
 */
public final class RevocationService {
    /** What happened, for the audit event. */
    public enum Outcome { REVOKED, ALREADY_REVOKED, UNKNOWN }

    private final AccessTokenRepository accessTokens;
    private final RevokedJwtRepository revokedJwts;
    private final dev.tessera.token.RefreshTokenRepository refreshTokens;
    private final GrantRevocation grants;
    private final TokenLookup lookup;
    private final TokenHasher hasher;
    private final Clock clock;

    public RevocationService(AccessTokenRepository accessTokens, RevokedJwtRepository revokedJwts,
                             dev.tessera.token.RefreshTokenRepository refreshTokens, GrantRevocation grants, TokenLookup lookup,
                             TokenHasher hasher, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.accessTokens = accessTokens;
        this.revokedJwts = revokedJwts;
        this.lookup = lookup;
        this.hasher = hasher;
        this.clock = clock;
    }

    public Outcome revoke(TenantId tenant, AuthenticatedClient caller, String token) {
        Instant now = clock.instant();
        if (token.indexOf('.') >= 0) {
            Optional<TokenClaims> claims = lookup.verifyJwtSignatureAndClaims(tenant, token, now);
            if (claims.isEmpty()) return Outcome.UNKNOWN;
            requireOwner(caller, claims.get());
            boolean fresh = revokedJwts.revoke(tenant, claims.get().jti(), claims.get().expiresAt(), now);
            lookup.evictJti(tenant, claims.get().jti());
            return fresh ? Outcome.REVOKED : Outcome.ALREADY_REVOKED;
        }
        TokenHash hash = hasher.hash(token);
        var refresh = refreshTokens.find(tenant, hash);
        if (refresh.isPresent()) {
            if (!refresh.get().clientId().equals(caller.clientId())) {
                throw new OAuthException(ErrorCode.UNAUTHORIZED_CLIENT, "The token was not issued to this client")
                        .detail("revocation by a client other than the token's");
            }
            if (refresh.get().lifetime().revokedAt() != null) return Outcome.ALREADY_REVOKED;
            grants.revokeFamily(tenant, refresh.get().grantId());     // §2.1: and the access tokens of the same grant
            return Outcome.REVOKED;
        }
        TokenHash key = AccessTokenValues.key(token, hash);
        Optional<AccessTokenRecord> record = accessTokens.find(tenant, key);
        if (record.isEmpty() || !record.get().claims().expiresAt().isAfter(now)) return Outcome.UNKNOWN;
        requireOwner(caller, record.get().claims());
        boolean fresh = accessTokens.revoke(tenant, key, now);
        lookup.evict(tenant, key);
        return fresh ? Outcome.REVOKED : Outcome.ALREADY_REVOKED;
    }

    private static void requireOwner(AuthenticatedClient caller, TokenClaims claims) {
        if (!claims.clientId().equals(caller.clientId())) {
            throw new OAuthException(ErrorCode.UNAUTHORIZED_CLIENT, "The token was not issued to this client")
                    .detail("revocation by a client other than the token's");
        }
    }
}
