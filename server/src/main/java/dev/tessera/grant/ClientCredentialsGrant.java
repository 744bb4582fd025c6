package dev.tessera.grant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;
import dev.tessera.protocol.Scope;
import dev.tessera.token.IssuedToken;
import dev.tessera.token.TokenIssuer;
import java.util.Set;

/** Client credentials grant. Spec: RFC 6749 §4.4. */
public final class ClientCredentialsGrant implements GrantHandler<ClientCredentialsRequest> {
    public static final String URI = "client_credentials";
    private static final GrantType TYPE = new GrantType(URI, GrantType.ClientAuthRule.CONFIDENTIAL_ONLY,
            Set.of(Param.RESOURCE, Param.AUDIENCE));

    private final ScopePolicy scopes;
    private final TokenIssuer issuer;

    public ClientCredentialsGrant(ScopePolicy scopes, TokenIssuer issuer) {
        this.scopes = scopes;
        this.issuer = issuer;
    }

    @Override
    public GrantType type() { return TYPE; }

    @Override
    public ClientCredentialsRequest parse(FormParameters form) {
        return ClientCredentialsRequest.parse(form);
    }

    @Override
    public TokenResult handle(ClientCredentialsRequest req, GrantContext ctx) {
        ctx.client().requireConfidential();                                       // §4.4: confidential clients only
        if (!ctx.client().client().allowsGrant(com.nimbusds.oauth2.sdk.GrantType.CLIENT_CREDENTIALS)) {
            throw new OAuthException(ErrorCode.UNAUTHORIZED_CLIENT, "The client may not use this grant type");
        }
        Scope granted = scopes.grant(ctx.client().client(), req.scope());
        IssuedToken token = issuer.issueAccessToken(ctx.tenant(), ctx.settings(), new TokenIssuer.AccessTokenRequest(
                ctx.client().clientId(), ctx.client().clientId().value(), granted, req.audience(), URI,
                ctx.client().client().accessTokenFormat(), ctx.binding().cnfJson(), null));
        return new TokenResult(token, null, null, granted);                       // §4.4.3: no refresh token
    }
}
