package dev.tessera.http;

import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.introspection.ActiveToken;
import dev.tessera.introspection.IntrospectionService;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Token introspection. Spec: RFC 7662 §2; RFC 9701 §4–5 (JWT response). */
final class IntrospectionEndpoint {
    private final TenantDirectory tenants;
    private final ClientAuthenticator authenticator;
    private final IntrospectionService service;
    private final IssuerUrls issuers;
    private final AuditLog audit;

    IntrospectionEndpoint(TenantDirectory tenants, ClientAuthenticator authenticator, IntrospectionService service,
                          IssuerUrls issuers, AuditLog audit) {
        this.tenants = tenants;
        this.authenticator = authenticator;
        this.service = service;
        this.issuers = issuers;
        this.audit = audit;
    }

    void handle(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ResponseWriter.noStore(ctx);
        FormParameters form = null;
        try {
            form = Requests.form(ctx);
            form.rejectRepeatsExcept(Set.of());
            String issuer = issuers.issuer(tenant.id());
            AuthenticatedClient caller = authenticator.authenticate(tenant.id(), ctx.header("Authorization"), form,
                    Set.of(issuer, issuer + "/introspect", issuer + "/token"), false);
            Logs.client(caller.clientId());
            String token = form.required(Param.TOKEN);
            Optional<ActiveToken> active = service.introspect(tenant.id(), tenant.settings(), token);
            if (wantsJwt(ctx.header("Accept"))) {
                ResponseWriter.write(ctx, service.jwt(tenant.id(), caller, active));
            } else {
                ResponseWriter.write(ctx, service.json(tenant.id(), active));
            }
            audit.emit(tenant.id(), "token.introspected", AuditEvent.SUCCESS, caller.clientId(),
                    active.map(a -> a.claims().subject()).orElse(null),
                    active.map(a -> Map.of("active", "true", "jti", a.claims().jti())).orElse(Map.of("active", "false")));
        } catch (OAuthException e) {
            if (e.code() == ErrorCode.INVALID_CLIENT) {
                audit.emit(tenant.id(), "client.authentication_failed", AuditEvent.FAILURE,
                        form == null ? null : authenticator.clientIdOf(ctx.header("Authorization"), form), null,
                        Map.of("endpoint", "introspection", "reason", e.detailOrDescription()));
            }
            throw e;
        }
    }

    /** RFC 9701 §4: the caller asks for a JWT with {@code Accept: application/token-introspection+jwt}. */
    static boolean wantsJwt(String accept) {
        if (accept == null) return false;
        for (String part : accept.split(",")) {
            if (Requests.mediaType(part).equals(IntrospectionService.JWT_MEDIA_TYPE)) return true;
        }
        return false;
    }
}
