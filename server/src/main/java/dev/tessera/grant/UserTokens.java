package dev.tessera.grant;

import com.nimbusds.oauth2.sdk.GrantType;
import dev.tessera.oidc.IdTokenIssuer;
import dev.tessera.protocol.Scope;
import dev.tessera.session.Authentication;
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
     * @param scope the access token's scope
     * @param grantScope the scope of the whole grant, kept by a rotated refresh token (RFC 6749 §6)
     */
    public TokenResult issue(GrantContext ctx, String grantType, String grantId, Scope scope, Scope grantScope,
                             List<String> resources, Authentication authn, String nonce, Instant familyExpiresAt) {
        var client = ctx.client().client();
        IssuedToken at = issuer.issueAccessToken(ctx.tenant(), ctx.settings(), new TokenIssuer.AccessTokenRequest(
                client.clientId(), authn.userId().value(), scope, resources, grantType, client.accessTokenFormat(),
                ctx.binding().cnfJson(), grantId));
        String refresh = null;
        if (client.allowsGrant(GrantType.REFRESH_TOKEN)) {
            refresh = refreshTokens.issue(ctx.tenant(), ctx.settings(), grantId, client.clientId(), grantScope, resources,
                    authn, grantScope.contains("offline_access"), familyExpiresAt);
            issuer.countIssued(ctx.tenant(), grantType, "refresh");
        }
        String idToken = null;
        if (scope.contains("openid")) {
            idToken = idTokens.issue(ctx.tenant(), ctx.settings(), client.clientId(), authn, nonce, at.value());
            issuer.countIssued(ctx.tenant(), grantType, "id");
        }
        return new TokenResult(at, refresh, idToken, scope);
    }
}
