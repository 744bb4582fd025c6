package dev.tessera.grant;

import com.nimbusds.oauth2.sdk.GrantType;
import dev.tessera.oidc.IdTokenIssuer;
import dev.tessera.protocol.Scope;
import dev.tessera.user.Authentication;
import dev.tessera.token.IssuedToken;
import dev.tessera.token.RefreshTokens;
import dev.tessera.token.TokenIssuer;
import java.time.Instant;
import java.util.List;

/**
 * The tokens of a user grant (code or refresh): access token, refresh token when the client's
 * {@code grant_types} include {@code refresh_token}, ID token for {@code openid}. Spec: CONTRACT §4.
 */
public final class UserTokens {
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final IdTokenIssuer idTokens;

    public UserTokens(TokenIssuer issuer, RefreshTokens refreshTokens, IdTokenIssuer idTokens) {
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.idTokens = idTokens;
    }

    /**
     * A grant family: the tokens issued from one authorization, revoked together.
     *
     * @param scope the scope of the whole grant, kept by every rotated refresh token (RFC 6749 §6)
     * @param expiresAt when the family ends at the latest; null starts it now
     */
    public record Family(String grantId, Scope scope, List<String> resources, Authentication authentication, Instant expiresAt) {
        public Family {
            resources = List.copyOf(resources);
        }
    }

    /**
     * @param scope the access token's scope (within the family's)
     * @param nonce the authorization request's OIDC nonce for the ID token, or null
     */
    public TokenResult issue(GrantContext ctx, String grantType, Family family, Scope scope, String nonce) {
        var client = ctx.client().client();
        Authentication authn = family.authentication();
        IssuedToken at = issuer.issue(ctx.accessToken(grantType, authn.userId().value())
                .scope(scope).audience(family.resources()).grantId(family.grantId()).build());
        String refresh = null;
        if (client.allowsGrant(GrantType.REFRESH_TOKEN)) {
            refresh = refreshTokens.issue(ctx.tenant(), ctx.settings(), family.grantId(), client.clientId(), family.scope(),
                    family.resources(), authn, family.scope().contains("offline_access"), family.expiresAt());
            issuer.countIssued(ctx.tenant(), grantType, "refresh");
        }
        String idToken = null;
        if (scope.contains("openid")) {
            idToken = idTokens.issue(ctx.tenant(), ctx.settings(), client.clientId(), client.idTokenSignedResponseAlg(), authn, nonce, at.value());
            issuer.countIssued(ctx.tenant(), grantType, "id");
        }
        return TokenResult.of(at, refresh, idToken, scope);
    }
}
