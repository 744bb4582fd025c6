package dev.tessera.http;

import dev.tessera.admin.AdminAuthorizer;
import dev.tessera.admin.TenantAdministration;
import dev.tessera.audit.AuditLog;
import dev.tessera.audit.AuditRepository;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.client.ClientRegistration;
import dev.tessera.grant.GrantRegistry;
import dev.tessera.introspection.IntrospectionService;
import dev.tessera.keys.KeyService;
import dev.tessera.revocation.RevocationService;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantDirectory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/** The endpoint objects, built from the services the composition root wires. */
public record HttpComponents(TokenEndpoint token, IntrospectionEndpoint introspection, RevocationEndpoint revocation,
                             DiscoveryEndpoint discovery, RegistrationEndpoint registration, AdminEndpoints admin,
                             OpsEndpoints ops, BrowserEndpoints browser, OidcEndpoints oidc,
                             ScimEndpoints scim, ForwardAuthEndpoint forwardAuth, TokenHandlerEndpoints tokenHandler,
                             TokenHandlerAdminEndpoints tokenHandlerAdmin) {

    /** Browser interactions that may wait for their turn ({@link BrowserLane}). */
    public static final int BROWSER_QUEUE = BrowserLane.QUEUE;

    /** The services of the browser flow and OpenID Connect endpoints. */
    public record Browser(dev.tessera.authorize.AuthorizationRequestValidator validator,
                          dev.tessera.authorize.AuthorizationFlow flow, dev.tessera.authorize.RequestSealer sealer,
                          dev.tessera.authorize.SignIn signIn, dev.tessera.session.SessionService sessions,
                          dev.tessera.user.UserRepository users, dev.tessera.token.RefreshTokenRepository refreshTokens,
                          dev.tessera.client.ClientDirectory clients, dev.tessera.introspection.TokenLookup lookup,
                          dev.tessera.scim.UserProvisioning provisioning, dev.tessera.authorize.FormTokens formTokens,
                          dev.tessera.user.HashingGate browserLane) {}

    /** The services of the token handler (CONTRACT §6.2). */
    public record TokenHandler(dev.tessera.tokenhandler.TokenHandlerDirectory apps,
                               dev.tessera.tokenhandler.TokenHandlerAdministration admin,
                               dev.tessera.tokenhandler.AgentLogin login, dev.tessera.tokenhandler.AgentSession session) {}

    /** The services the HTTP layer needs. */
    public record Services(TenantDirectory tenants, GrantRegistry grants, dev.tessera.grant.TokenPipeline tokens,
                           ClientAuthenticator authenticator,
                           ClientRegistration registration, IntrospectionService introspection,
                           RevocationService revocation, KeyService keys, AdminAuthorizer adminAuthorizer,
                           TenantAdministration tenantAdmin, AuditRepository auditEvents, AuditLog audit,
                           IssuerUrls issuers, java.util.function.BooleanSupplier storageReachable, PrometheusMeterRegistry registry, Clock clock) {}

    /** The gateway integration: forward-auth and the JWT form of opaque tokens. */
    public record Gateway(dev.tessera.gateway.ForwardAuthService forwardAuth, dev.tessera.gateway.PhantomTokens phantomTokens) {}

    public static HttpComponents of(Services s, Browser b, Gateway g, TokenHandler t) {
        AdminEndpoints admin = new AdminEndpoints(s.adminAuthorizer(), s.tenantAdmin(), s.auditEvents(), s.audit(), s.issuers());
        return new HttpComponents(
                new TokenEndpoint(s.tenants(), s.tokens()),
                new IntrospectionEndpoint(s.tenants(), s.authenticator(), s.introspection(), g.phantomTokens(), s.issuers()),
                new RevocationEndpoint(s.tenants(), s.authenticator(), s.revocation(), s.issuers()),
                new DiscoveryEndpoint(s.tenants(), s.grants(), s.authenticator(), s.keys(), s.issuers()),
                new RegistrationEndpoint(s.tenants(), s.registration(), s.adminAuthorizer(), s.issuers()),
                admin,
                new OpsEndpoints(s.storageReachable(), s.keys(), s.registry()),
                new BrowserEndpoints(s.tenants(), b.validator(), b.flow(), b.sealer(), b.signIn(), b.sessions(), s.issuers(),
                        b.formTokens(), b.browserLane()),
                new OidcEndpoints(s.tenants(), b.lookup(), b.users(), b.clients(), b.sessions(), b.refreshTokens(), s.keys(),
                        s.issuers(), b.formTokens(), s.clock()),
                new ScimEndpoints(s.tenants(), s.adminAuthorizer(), b.provisioning(), s.issuers()),
                new ForwardAuthEndpoint(s.tenants(), g.forwardAuth()),
                new TokenHandlerEndpoints(s.tenants(), t.apps(), t.login(), t.session(), s.clock()),
                new TokenHandlerAdminEndpoints(admin, t.admin(), s.issuers()));
    }
}
