package dev.tessera.grant;

import dev.tessera.binding.SenderBinding;
import dev.tessera.binding.SenderBindingPolicy;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.client.Client;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.client.PresentedCredentials;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;
import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import java.time.Clock;
import java.util.Set;

/**
 * The token endpoint's stages, without HTTP (STYLE §2): find the grant ({@code grant_type}; repeats of
 * parameters it does not declare repeatable refused) → present and verify the client by the grant's
 * client-authentication rule → decide the sender binding → the grant's {@code parse} (its declared
 * parameters only) → the client may use the grant → the grant's {@code handle}. The request's
 * {@link Trace} tells the caller what was read before a failure (for the audit event).
 * Spec: RFC 6749 §3.2, §5.1, §5.2; RFC 9449 §5; RFC 8705 §3.
 */
public final class TokenPipeline {
    /** What the pipeline read of a request, as far as it got. */
    public static final class Trace {
        private String grantType;
        private ClientId client;

        public String grantType() { return grantType; }

        /** The client the request named, verified or not; null when it named none. */
        public ClientId client() { return client; }
    }

    private final GrantRegistry grants;
    private final ClientAuthenticator authenticator;
    private final SenderBindingPolicy bindings;
    private final IssuerUrls issuers;
    private final Clock clock;

    public TokenPipeline(GrantRegistry grants, ClientAuthenticator authenticator, SenderBindingPolicy bindings, IssuerUrls issuers,
                         Clock clock) {
        this.grants = grants;
        this.authenticator = authenticator;
        this.bindings = bindings;
        this.issuers = issuers;
        this.clock = clock;
    }

    public TokenResult run(Tenant tenant, PresentedRequest request, Trace trace) {
        FormParameters form = request.form();
        String grantType = form.required(Param.GRANT_TYPE);
        trace.grantType = grantType;
        GrantHandler<?> handler = grants.find(grantType);
        GrantType type = handler.type();
        form.rejectRepeatsExcept(type.repeatable());
        PresentedCredentials presented = authenticator.present(request);
        if (presented != null) trace.client = presented.clientId();
        String issuer = issuers.issuer(tenant.id());
        AuthenticatedClient client = authenticator.verify(tenant.id(), presented, Set.of(issuer, issuer + "/token"),
                type.clientAuth() == GrantType.ClientAuthRule.PUBLIC_ALLOWED);
        SenderBinding binding = bindings.decide(tenant.settings(), request);
        return run(handler, form, new GrantContext(tenant.id(), tenant.settings(), client, binding, clock));
    }

    /**
     * A grant run inside the server for a client it vouches for (the token handler's agent, which is
     * part of Tessera and acts as the app's registered client): no client authentication, no binding;
     * every other stage and all of the grant's policy as at the endpoint.
     */
    public TokenResult runAs(Tenant tenant, Client client, FormParameters form) {
        GrantHandler<?> handler = grants.find(form.required(Param.GRANT_TYPE));
        return run(handler, form, new GrantContext(tenant.id(), tenant.settings(),
                new AuthenticatedClient(client, client.authMethod()), SenderBinding.NONE, clock));
    }

    private static <R extends GrantRequest> TokenResult run(GrantHandler<R> handler, FormParameters form, GrantContext ctx) {
        GrantType type = handler.type();
        R request = handler.parse(form.declared(type.parameters()));
        // RFC 6749 §5.2 unauthorized_client; CONTRACT §3: a client may use a grant only if it registered it
        if (!ctx.client().client().allowsGrant(new com.nimbusds.oauth2.sdk.GrantType(type.uri()))) {
            throw new OAuthException(ErrorCode.UNAUTHORIZED_CLIENT, "The client may not use this grant type");
        }
        return handler.handle(request, ctx);
    }
}
