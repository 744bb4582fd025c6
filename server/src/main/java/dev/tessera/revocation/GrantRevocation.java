package dev.tessera.revocation;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.token.RevokedJwtRepository;
import java.time.Clock;
import java.time.Instant;

/**
 * Revokes a whole grant family: its refresh tokens, its opaque access tokens and (by jti) its JWT
 * access tokens. Used on code replay (RFC 6749 §4.1.2) and refresh token reuse (RFC 9700 §4.14.2).
 */
public final class GrantRevocation {
    private final AccessTokenRepository accessTokens;
    private final RevokedJwtRepository revokedJwts;
    private final RefreshTokenRepository refreshTokens;
    private final dev.tessera.introspection.TokenLookup lookup;
    private final Clock clock;

    public GrantRevocation(AccessTokenRepository accessTokens, RevokedJwtRepository revokedJwts,
                           RefreshTokenRepository refreshTokens, dev.tessera.introspection.TokenLookup lookup, Clock clock) {
        this.lookup = lookup;
        this.accessTokens = accessTokens;
        this.revokedJwts = revokedJwts;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    /** Returns how many tokens were revoked. */
    public int revokeFamily(TenantId tenant, String grantId) {
        Instant now = clock.instant();
        lookup.grantRevoked(tenant, grantId);
        return refreshTokens.revokeFamily(tenant, grantId, now) + accessTokens.revokeGrant(tenant, grantId, now)
                + revokedJwts.revokeGrant(tenant, grantId, now);
    }
}
