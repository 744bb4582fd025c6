package dev.tessera.http;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.binding.SenderBinding;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.grant.GrantContext;
import dev.tessera.grant.GrantHandler;
import dev.tessera.grant.GrantRegistry;
import dev.tessera.grant.GrantRequest;
import dev.tessera.grant.GrantType;
import dev.tessera.grant.TokenResult;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The token endpoint pipeline (STYLE §2). Spec: RFC 6749 §3.2, §5.1, §5.2. */
final class TokenEndpoint {
    private final TenantDirectory tenants;
    private final GrantRegistry grants;
    private final ClientAuthenticator authenticator;
    private final IssuerUrls issuers;
    private final AuditLog audit;
    private final Clock clock;

    TokenEndpoint(TenantDirectory tenants, GrantRegistry grants, ClientAuthenticator authenticator, IssuerUrls issuers,
                  AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.grants = grants;
        this.authenticator = authenticator;
        this.issuers = issuers;
        this.audit = audit;
        this.clock = clock;
    }

    void handle(Context ctx) {
        handle(JavalinExchange.of(ctx), ctx.pathParam("tenant"));
    }

    void handle(Exchange ctx, String tenantId) {
        Tenant tenant = tenants.require(tenantId);
        ResponseWriter.noStore(ctx);
        FormParameters form = null;
        String grantType = null;
        try {
            form = Requests.form(ctx);
            grantType = form.required(Param.GRANT_TYPE);
            GrantHandler<?> handler = grants.find(grantType);
            GrantType type = handler.type();
            form.rejectRepeatsExcept(type.repeatable());
            String issuer = issuers.issuer(tenant.id());
            AuthenticatedClient client = authenticator.authenticate(tenant.id(), ctx.header("Authorization"), form,
                    Set.of(issuer, issuer + "/token"), type.clientAuth() == GrantType.ClientAuthRule.PUBLIC_ALLOWED);
            Logs.client(client.clientId());
            GrantContext gc = new GrantContext(tenant.id(), tenant.settings(), client, SenderBinding.NONE, clock);
            TokenResult result = run(handler, form, gc);
            BearerAccessToken at = new BearerAccessToken(result.accessToken().value(), result.accessToken().expiresIn(),
                    result.scope().isEmpty() ? null : com.nimbusds.oauth2.sdk.Scope.parse(result.scope().toString()));
            Tokens tokens = new Tokens(at, result.refreshToken() == null ? null : new RefreshToken(result.refreshToken()));
            var json = new AccessTokenResponse(tokens).toJSONObject();
            if (result.idToken() != null) json.put("id_token", result.idToken());
            ResponseWriter.json(ctx, 200, json);
            Map<String, String> details = new HashMap<>();
            details.put("grant_type", grantType);
            details.put("token_format", result.accessToken().format());
            details.put("jti", result.accessToken().claims().jti());
            details.put("scope", result.scope().toString());
            details.put("audience", String.join(" ", result.accessToken().claims().audience()));
            if (result.refreshToken() != null) details.put("refresh_token", "issued");
            if (result.idToken() != null) details.put("id_token", "issued");
            audit.emit(tenant.id(), "token.issued", AuditEvent.SUCCESS, client.clientId(),
                    result.accessToken().claims().subject(), details);
        } catch (OAuthException e) {
            Map<String, String> details = new HashMap<>();
            details.put("error", e.code().code());
            details.put("reason", e.detailOrDescription());
            if (grantType != null) details.put("grant_type", grantType.length() > 100 ? grantType.substring(0, 100) : grantType);
            String type = e.auditEvent() != null ? e.auditEvent()
                    : e.code() == ErrorCode.INVALID_CLIENT ? "client.authentication_failed" : "token.denied";
            if (e.auditEvent() != null) details.put("security_alert", "true");
            audit.emit(tenant.id(), type, AuditEvent.FAILURE,
                    form == null ? null : authenticator.clientIdOf(ctx.header("Authorization"), form), null, details);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <R extends GrantRequest> TokenResult run(GrantHandler<R> handler, FormParameters form, GrantContext gc) {
        R request = handler.parse(form);
        return handler.handle(request, gc);
    }
}
