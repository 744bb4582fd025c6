package dev.tessera.grant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;
import dev.tessera.revocation.GrantRevocation;
import dev.tessera.session.Session;
import dev.tessera.session.SessionService;
import dev.tessera.tenant.Feature;
import dev.tessera.token.RefreshTokenRecord;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.token.TokenHash;
import dev.tessera.token.TokenHasher;
import dev.tessera.user.User;
import dev.tessera.user.UserRepository;
import java.util.Optional;
import java.util.Set;

/**
 * Refresh token grant with rotation on every use; reuse of a rotated token revokes the family.
 * Spec: RFC 6749 §6; RFC 9700 §4.14.2; OIDC Core §11–12 (offline_access).
 */
public final class RefreshTokenGrant implements GrantHandler<RefreshTokenRequest> {
    public static final String URI = "refresh_token";
    private static final GrantType TYPE = new GrantType(URI, GrantType.ClientAuthRule.PUBLIC_ALLOWED,
            Set.of("refresh_token", "scope"), Set.of(), Feature.REFRESH_TOKEN);

    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final SessionService sessions;
    private final GrantRevocation revocation;
    private final UserTokens tokens;
    private final TokenHasher hasher;

    public RefreshTokenGrant(RefreshTokenRepository refreshTokens, UserRepository users, SessionService sessions,
                             GrantRevocation revocation, UserTokens tokens, TokenHasher hasher) {
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.sessions = sessions;
        this.revocation = revocation;
        this.tokens = tokens;
        this.hasher = hasher;
    }

    @Override
    public TokenResult handle(RefreshTokenRequest req, GrantContext ctx) {
        var client = ctx.client().client();
        TokenHash hash = hasher.hash(req.refreshToken());
        RefreshTokenRecord rt = refreshTokens.find(ctx.tenant(), hash).orElseThrow(() -> invalid("unknown refresh token"));
        if (!rt.clientId().equals(client.clientId())) throw invalid("refresh token of another client");
        var now = ctx.clock().instant();
        if (rt.lifetime().revokedAt() != null) throw invalid("refresh token revoked");
        if (rt.lifetime().consumedAt() == null && !rt.isUsableAt(now)) throw invalid("refresh token expired");
        Scope scope = rt.scope();
        if (!req.scope().isEmpty()) {                        // checked before consuming: a bad request changes nothing
            if (!rt.scope().containsAll(req.scope())) {
                throw new OAuthException(ErrorCode.INVALID_SCOPE, "The requested scope exceeds the original grant");
            }
            scope = req.scope();
        }
        if (rt.lifetime().consumedAt() != null || !refreshTokens.consume(ctx.tenant(), hash, now)) {
            revocation.revokeFamily(ctx.tenant(), rt.grantId());                 // RFC 9700 §4.14.2
            throw invalid("rotated refresh token reused; family revoked").auditEvent("refresh_token.reuse_detected");
        }
        User user = users.find(ctx.tenant(), rt.authentication().userId()).filter(User::active).orElse(null);
        if (user == null) {
            revocation.revokeFamily(ctx.tenant(), rt.grantId());
            throw invalid("user inactive or deleted");
        }
        if (!rt.offline()) {
            Optional<Session> session = rt.authentication().sid() == null ? Optional.empty()
                    : sessions.bySid(ctx.tenant(), rt.authentication().sid());
            if (session.isEmpty()) {
                revocation.revokeFamily(ctx.tenant(), rt.grantId());
                throw invalid("sign-in session ended");
            }
            sessions.touch(ctx.tenant(), ctx.settings(), session.get());        // the app in use keeps its session alive
        }
        TokenResult result = tokens.issue(ctx, URI, new UserTokens.Family(rt.grantId(), rt.scope(), rt.resources(),
                rt.authentication(), rt.lifetime().familyExpiresAt()), scope, null);
        // A concurrent reuse or code replay may have revoked the family while these tokens were minted:
        // its durable marker, read after storing them, catches them whatever the timing (GrantRevocation).
        if (revocation.revokedMeanwhile(ctx.tenant(), rt.grantId())) throw invalid("family revoked while tokens were issued");
        // The presented token alone may have been revoked meanwhile (sign-out, user deactivation): best effort.
        if (refreshTokens.find(ctx.tenant(), hash).map(r -> r.lifetime().revokedAt() != null).orElse(true)) {
            revocation.revokeFamily(ctx.tenant(), rt.grantId());
            throw invalid("refresh token revoked while tokens were issued");
        }
        return result;
    }

    private static OAuthException invalid(String detail) {
        return new OAuthException(ErrorCode.INVALID_GRANT, "The refresh token is invalid").detail(detail);
    }

    @Override
    public GrantType type() { return TYPE; }

    @Override
    public RefreshTokenRequest parse(FormParameters form) {
        return RefreshTokenRequest.parse(form);
    }
}
