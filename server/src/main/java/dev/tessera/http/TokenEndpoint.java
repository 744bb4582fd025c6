package dev.tessera.http;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import dev.tessera.audit.AuditEvent;
import dev.tessera.grant.TokenPipeline;
import dev.tessera.grant.TokenResult;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import java.util.HashMap;
import java.util.Map;

/**
 * The token endpoint: the HTTP side of {@link TokenPipeline}, and the writer of its answer (RFC 6749
 * §5.1 JSON with the token's type and, for token exchange, {@code issued_token_type}) and of the
 * request's audit event. Spec: RFC 6749 §3.2, §5.1, §5.2; RFC 8693 §2.2.1; RFC 9449 §5.
 */
final class TokenEndpoint {
    private final TenantDirectory tenants;
    private final TokenPipeline pipeline;

    TokenEndpoint(TenantDirectory tenants, TokenPipeline pipeline) {
        this.tenants = tenants;
        this.pipeline = pipeline;
    }

    void handle(Exchange x) {
        Tenant tenant = tenants.require(x.pathParam("tenant"));
        ResponseWriter.noStore(x);
        TokenPipeline.Trace trace = new TokenPipeline.Trace();
        x.audit().onFailure((e, presented) -> {
            Map<String, String> details = new HashMap<>();
            details.put("error", e.code().code());
            details.put("reason", e.detailOrDescription());
            String grantType = trace.grantType();
            if (grantType != null) details.put("grant_type", grantType.length() > 100 ? grantType.substring(0, 100) : grantType);
            if (e.auditEvent() != null) details.put("security_alert", "true");
            String type = e.auditEvent() != null ? e.auditEvent()
                    : e.code() == ErrorCode.INVALID_CLIENT ? "client.authentication_failed" : "token.denied";
            Logs.client(trace.client());
            if (e.code() == ErrorCode.INVALID_CLIENT_THROTTLED) {   // repeated at the sender's will: counted, not stored each time
                return RequestAudit.throttledClient(tenant.id(), trace.client(), x.remoteAddressText(), "token");
            }
            return new RequestAudit.Event(tenant.id(), type, AuditEvent.FAILURE, trace.client(), null, details);
        });
        FormParameters form = Requests.form(x);
        TokenResult result = pipeline.run(tenant, ClientCalls.presented(x, form), trace);
        Logs.client(result.accessToken().claims().clientId());
        ResponseWriter.json(x, 200, response(result));
        Map<String, String> details = new HashMap<>();
        details.put("grant_type", trace.grantType());
        details.put("token_format", result.accessToken().format());
        details.put("jti", result.accessToken().claims().jti());
        details.put("scope", result.scope().toString());
        details.put("audience", String.join(" ", result.accessToken().claims().audience()));
        details.put("binding", result.accessToken().binding().kind());
        if (result.refreshToken() != null) details.put("refresh_token", "issued");
        if (result.idToken() != null) details.put("id_token", "issued");
        x.audit().record(tenant.id(), "token.issued", AuditEvent.SUCCESS, result.accessToken().claims().clientId(),
                result.accessToken().claims().subject(), details);
    }

    /** RFC 6749 §5.1 (and RFC 8693 §2.2.1, RFC 9449 §5) with Nimbus's response types. */
    static Map<String, Object> response(TokenResult r) {
        com.nimbusds.oauth2.sdk.Scope scope = r.scope().isEmpty() ? null : com.nimbusds.oauth2.sdk.Scope.parse(r.scope().toString());
        TokenTypeURI issued = null;
        if (r.issuedTokenType() != null) {
            try {
                issued = TokenTypeURI.parse(r.issuedTokenType());
            } catch (com.nimbusds.oauth2.sdk.ParseException e) {
                throw new IllegalStateException("issued_token_type is not a URI", e);
            }
        }
        AccessToken at = "DPoP".equals(r.tokenType())
                ? new DPoPAccessToken(r.accessToken().value(), r.accessToken().expiresIn(), scope, issued)
                : new BearerAccessToken(r.accessToken().value(), r.accessToken().expiresIn(), scope, issued);
        Tokens tokens = new Tokens(at, r.refreshToken() == null ? null : new RefreshToken(r.refreshToken()));
        var json = new AccessTokenResponse(tokens).toJSONObject();
        if (r.idToken() != null) json.put("id_token", r.idToken());
        return json;
    }
}
