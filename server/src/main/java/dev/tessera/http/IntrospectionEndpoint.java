package dev.tessera.http;

import dev.tessera.audit.AuditEvent;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.gateway.PhantomTokens;
import dev.tessera.introspection.ActiveToken;
import dev.tessera.introspection.IntrospectionService;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthResponse;
import dev.tessera.protocol.Param;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Token introspection. Spec: RFC 7662 §2; RFC 9701 §4–5 (JWT response); CONTRACT §6.3 (the plain JWT
 * form for existing phantom-token plugins).
 */
final class IntrospectionEndpoint {
    /** CONTRACT §6.3: the media type phantom-token plugins ask for, and get the token's JWT form in. */
    static final String PLAIN_JWT = "application/jwt";

    private final TenantDirectory tenants;
    private final ClientAuthenticator authenticator;
    private final IntrospectionService service;
    private final PhantomTokens phantoms;
    private final IssuerUrls issuers;

    IntrospectionEndpoint(TenantDirectory tenants, ClientAuthenticator authenticator, IntrospectionService service,
                          PhantomTokens phantoms, IssuerUrls issuers) {
        this.tenants = tenants;
        this.authenticator = authenticator;
        this.service = service;
        this.phantoms = phantoms;
        this.issuers = issuers;
    }

    void handle(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ResponseWriter.noStore(ctx);
        ctx.audit().onFailure((e, presented) -> e.code() == ErrorCode.INVALID_CLIENT_THROTTLED
                ? RequestAudit.throttledClient(tenant.id(), presented, ctx.remoteAddressText(), "introspection")
                : e.code() != ErrorCode.INVALID_CLIENT ? null
                : new RequestAudit.Event(tenant.id(), "client.authentication_failed", AuditEvent.FAILURE, presented, null,
                        Map.of("endpoint", "introspection", "reason", e.detailOrDescription())));
        FormParameters form = Requests.form(ctx);
        form.rejectRepeatsExcept(Set.of());
        String issuer = issuers.issuer(tenant.id());
        AuthenticatedClient caller = ClientCalls.authenticate(ctx, authenticator, tenant.id(), ClientCalls.presented(ctx, form),
                Set.of(issuer, issuer + "/introspect", issuer + "/token"), false);
        String token = form.required(Param.TOKEN);
        String accept = ctx.header("Accept");
        if (!wantsJwt(accept) && accepts(accept, PLAIN_JWT)) {
            plainJwt(ctx, tenant, caller, token);
            return;
        }
        // RFC 7662 §2.1: the hint orders the search; a token not found under it is searched as the other type
        boolean refreshFirst = "refresh_token".equals(form.optional(Param.TOKEN_TYPE_HINT));
        Optional<ActiveToken> active = refreshFirst ? Optional.empty() : service.introspect(tenant.id(), tenant.settings(), token);
        Optional<TokenIntrospectionSuccessResponse> refresh = active.isPresent() ? Optional.empty()
                : service.refreshToken(tenant.id(), caller, token);
        if (refreshFirst && refresh.isEmpty()) active = service.introspect(tenant.id(), tenant.settings(), token);
        if (refresh.isPresent()) {
            ResponseWriter.write(ctx, wantsJwt(accept) ? service.jwt(tenant.id(), caller, refresh.get().toJSONObject())
                    : OAuthResponse.json(200, refresh.get().toJSONObject().toJSONString()));
            ctx.audit().record(tenant.id(), "token.introspected", AuditEvent.SUCCESS, caller.clientId(),
                    refresh.get().getSubject().getValue(), Map.of("active", "true", "token_type", "refresh_token"));
            return;
        }
        if (wantsJwt(accept)) {
            ResponseWriter.write(ctx, service.jwt(tenant.id(), caller, active));
        } else {
            ResponseWriter.write(ctx, service.json(tenant.id(), active));
        }
        ctx.audit().record(tenant.id(), "token.introspected", AuditEvent.SUCCESS, caller.clientId(),
                active.map(a -> a.claims().subject()).orElse(null),
                active.map(a -> Map.of("active", "true", "jti", a.claims().jti())).orElse(Map.of("active", "false")));
    }

    /** CONTRACT §6.3: 200 with the JWT form of an active token as the body, 204 for an inactive one. */
    private void plainJwt(Exchange ctx, Tenant tenant, AuthenticatedClient caller, String token) {
        Optional<PhantomTokens.Form> form = phantoms.jwtForm(tenant.id(), tenant.settings(), token);
        if (form.isPresent()) {
            ResponseWriter.write(ctx, new OAuthResponse(200, Map.of(), PLAIN_JWT,
                    form.get().jwt().getBytes(StandardCharsets.US_ASCII)));
        } else {
            ctx.status(204);
        }
        ctx.audit().record(tenant.id(), "token.introspected", AuditEvent.SUCCESS, caller.clientId(),
                form.map(f -> f.claims().subject()).orElse(null),
                form.map(f -> Map.of("active", "true", "jti", f.claims().jti(), "response", PLAIN_JWT))
                        .orElse(Map.of("active", "false", "response", PLAIN_JWT)));
    }

    /** RFC 9701 §4: the caller asks for a JWT with {@code Accept: application/token-introspection+jwt}. */
    static boolean wantsJwt(String accept) {
        return accepts(accept, IntrospectionService.JWT_MEDIA_TYPE);
    }

    private static boolean accepts(String accept, String mediaType) {
        if (accept == null) return false;
        for (String part : accept.split(",")) {
            if (Requests.mediaType(part).equals(mediaType)) return true;
        }
        return false;
    }
}
