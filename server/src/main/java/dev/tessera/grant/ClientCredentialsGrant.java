package dev.tessera.grant;

import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.Param;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.Feature;
import dev.tessera.token.IssuedToken;
import dev.tessera.token.TokenIssuer;
import java.util.Set;

/** Client credentials grant. Spec: RFC 6749 §4.4. */
public final class ClientCredentialsGrant implements GrantHandler<ClientCredentialsRequest> {
    public static final String URI = "client_credentials";
    private static final GrantType TYPE = new GrantType(URI, GrantType.ClientAuthRule.CONFIDENTIAL_ONLY,
            Set.of(Param.SCOPE, Param.RESOURCE, Param.AUDIENCE), Set.of(Param.RESOURCE, Param.AUDIENCE), Feature.CLIENT_CREDENTIALS);

    private final ScopePolicy scopes;
    private final TokenIssuer issuer;

    public ClientCredentialsGrant(ScopePolicy scopes, TokenIssuer issuer) {
        this.scopes = scopes;
        this.issuer = issuer;
    }

    @Override
    public TokenResult handle(ClientCredentialsRequest req, GrantContext ctx) {
        ctx.client().requireConfidential();                                       // §4.4: confidential clients only
        Scope granted = scopes.grant(ctx.client().client(), req.scope());
        IssuedToken token = issuer.issue(ctx.accessToken(URI, ctx.client().clientId().value())
                .scope(granted).audience(req.audience()).build());
        return TokenResult.of(token, null, null, granted);                        // §4.4.3: no refresh token
    }

    @Override
    public GrantType type() { return TYPE; }

    @Override
    public ClientCredentialsRequest parse(FormParameters form) {
        return ClientCredentialsRequest.parse(form);
    }
}
