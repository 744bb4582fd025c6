package dev.tessera.revocation;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.token.RevokedJwtRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Revokes a whole grant family: its refresh tokens, its opaque access tokens and (by jti) its JWT
 * access tokens. Used on code replay (RFC 6749 §4.1.2), refresh token reuse (RFC 9700 §4.14.2) and
 * RFC 7009 revocation of a refresh token.
 *
 * <p>A revocation may race an issuance of the same family: a replayed code arrives while its first
 * redemption is still minting tokens, or a family is revoked during a refresh. Revoking only what is
 * stored would miss tokens stored a moment later. So both sides follow one protocol, each writing
 * first and reading second:
 * <ol>
 *   <li>{@link #revokeFamily} first commits a durable marker "family G revoked" (table
 *       {@code revoked_grants}), and only then runs the statements that revoke G's stored tokens;</li>
 *   <li>an issuer first commits the family's new tokens, and only then asks {@link #revokedMeanwhile},
 *       which reads the marker and, if it is there, revokes the family again and tells the issuer to
 *       refuse.</li>
 * </ol>
 * This cannot lose, on H2 or PostgreSQL, on one node or many: each statement sees every transaction
 * committed before it began (read committed and stronger). If the issuer's marker read does not see
 * the marker, the marker committed after that read began, hence after the issuer's tokens had
 * committed; the revoking statements begin after the marker committed, so they see those tokens and
 * revoke them. Otherwise the issuer sees the marker and revokes its own tokens. Either way no token
 * of a revoked family stays valid; there is no window to narrow, only an order to keep. The marker is
 * read from storage, never from a cache, so it holds across nodes; it need only outlive requests in
 * flight, and is kept for {@link #MARKER_RETENTION}.
 */
public final class GrantRevocation {
    /** How long a family's revocation marker is kept (far longer than any token request runs). */
    public static final Duration MARKER_RETENTION = Duration.ofDays(1);

    private final AccessTokenRepository accessTokens;
    private final RevokedJwtRepository revokedJwts;
    private final RefreshTokenRepository refreshTokens;
    private final RevokedGrantRepository revokedGrants;
    private final dev.tessera.introspection.TokenLookup lookup;
    private final Clock clock;

    public GrantRevocation(AccessTokenRepository accessTokens, RevokedJwtRepository revokedJwts,
                           RefreshTokenRepository refreshTokens, RevokedGrantRepository revokedGrants,
                           dev.tessera.introspection.TokenLookup lookup, Clock clock) {
        this.lookup = lookup;
        this.accessTokens = accessTokens;
        this.revokedJwts = revokedJwts;
        this.refreshTokens = refreshTokens;
        this.revokedGrants = revokedGrants;
        this.clock = clock;
    }

    /** Marks the family revoked, then revokes its stored tokens; returns how many tokens were revoked. */
    public int revokeFamily(TenantId tenant, String grantId) {
        Instant now = clock.instant();
        revokedGrants.markRevoked(tenant, grantId, now, now.plus(MARKER_RETENTION));    // first: see the class Javadoc
        lookup.grantRevoked(tenant, grantId);
        return refreshTokens.revokeFamily(tenant, grantId, now) + accessTokens.revokeGrant(tenant, grantId, now)
                + revokedJwts.revokeGrant(tenant, grantId, now);
    }

    /**
     * For an issuer, after it stored new tokens of the family: whether the family has been revoked
     * meanwhile. If so, the family (the new tokens included) is revoked again and the caller must refuse.
     */
    public boolean revokedMeanwhile(TenantId tenant, String grantId) {
        if (!revokedGrants.isRevoked(tenant, grantId)) return false;
        revokeFamily(tenant, grantId);
        return true;
    }
}
