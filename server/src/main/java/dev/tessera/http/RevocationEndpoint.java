package dev.tessera.http;

import dev.tessera.audit.AuditEvent;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.Param;
import dev.tessera.revocation.RevocationService;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import java.util.Map;
import java.util.Set;

/** Token revocation. Spec: RFC 7009 §2. */
final class RevocationEndpoint {
    private final TenantDirectory tenants;
    private final ClientAuthenticator authenticator;
    private final RevocationService service;
    private final IssuerUrls issuers;

    RevocationEndpoint(TenantDirectory tenants, ClientAuthenticator authenticator, RevocationService service,
                       IssuerUrls issuers) {
        this.tenants = tenants;
        this.authenticator = authenticator;
        this.service = service;
        this.issuers = issuers;
    }

    void handle(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ResponseWriter.noStore(ctx);
        ctx.audit().onFailure((e, presented) -> e.code() == ErrorCode.INVALID_CLIENT_THROTTLED
                ? RequestAudit.throttledClient(tenant.id(), presented, ctx.remoteAddressText(), "revocation")
                : new RequestAudit.Event(tenant.id(),
                e.code() == ErrorCode.INVALID_CLIENT ? "client.authentication_failed" : "token.revocation_denied",
                AuditEvent.FAILURE, presented, null,
                Map.of("endpoint", "revocation", "error", e.code().code(), "reason", e.detailOrDescription())));
        FormParameters form = Requests.form(ctx);
        form.rejectRepeatsExcept(Set.of());
        String issuer = issuers.issuer(tenant.id());
        AuthenticatedClient caller = ClientCalls.authenticate(ctx, authenticator, tenant.id(), ClientCalls.presented(ctx, form),
                Set.of(issuer, issuer + "/revoke", issuer + "/token"), true);
        String token = form.required(Param.TOKEN);
        RevocationService.Outcome outcome = service.revoke(tenant.id(), caller, token);
        ctx.status(200);
        ctx.audit().record(tenant.id(), "token.revoked", AuditEvent.SUCCESS, caller.clientId(), null,
                Map.of("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
