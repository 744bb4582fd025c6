package dev.tessera.http;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tokenhandler.TokenHandlerAdministration;
import dev.tessera.tokenhandler.TokenHandlerApp;
import dev.tessera.tokenhandler.TokenHandlerAppId;
import dev.tessera.tokenhandler.TokenHandlerSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin API of token-handler apps: {@code /admin/v1/tenants/{T}/token-handlers/{app}} (PUT, GET,
 * DELETE) and {@code …/keys/rotate} (POST). Errors are RFC 9457 problems. Spec: CONTRACT §6.2, §3, §7.
 */
final class TokenHandlerAdminEndpoints {
    private final AdminEndpoints admin;
    private final TokenHandlerAdministration apps;
    private final IssuerUrls issuers;

    TokenHandlerAdminEndpoints(AdminEndpoints admin, TokenHandlerAdministration apps, IssuerUrls issuers) {
        this.admin = admin;
        this.apps = apps;
        this.issuers = issuers;
    }

    void put(Exchange ctx) {
        TenantId tenant = tenantId(ctx);
        TokenHandlerAppId id = appId(ctx);
        admin.authorize(ctx);
        TokenHandlerSettings settings = TokenHandlerSettings.fromJson(Requests.jsonObject(ctx));
        TokenHandlerAdministration.Saved saved = apps.put(tenant, id, settings);
        ResponseWriter.json(ctx, saved.created() ? 201 : 200, view(tenant, saved.app()));
        if (saved.created()) ctx.header("Location", issuers.publicUrl() + path(tenant, id));
    }

    void get(Exchange ctx) {
        TenantId tenant = tenantId(ctx);
        TokenHandlerAppId id = appId(ctx);
        admin.authorize(ctx);
        TokenHandlerApp app = apps.find(tenant, id).orElseThrow(TokenHandlerAdminEndpoints::unknownApp);
        ResponseWriter.json(ctx, 200, view(tenant, app));
    }

    void delete(Exchange ctx) {
        TenantId tenant = tenantId(ctx);
        TokenHandlerAppId id = appId(ctx);
        admin.authorize(ctx);
        if (!apps.delete(tenant, id)) throw unknownApp();
        ctx.status(204);
    }

    void rotateKeys(Exchange ctx) {
        TenantId tenant = tenantId(ctx);
        TokenHandlerAppId id = appId(ctx);
        admin.authorize(ctx);
        apps.rotateKeys(tenant, id);
        ctx.status(204);
    }

    private Map<String, Object> view(TenantId tenant, TokenHandlerApp app) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", app.id().value());
        m.putAll(app.settings().toJson());
        m.put("oauthAgentUrl", issuers.issuer(tenant) + "/token-handler/" + app.id().value());
        m.put("createdAt", app.createdAt().toString());
        m.put("updatedAt", app.updatedAt().toString());
        return m;
    }

    private static String path(TenantId tenant, TokenHandlerAppId id) {
        return "/admin/v1/tenants/" + tenant.value() + "/token-handlers/" + id.value();
    }

    private static TenantId tenantId(Exchange ctx) {
        String raw = ctx.pathParam("tenant");
        if (!TenantId.isValid(raw)) throw OAuthException.invalidRequest("Tenant ids match [a-z0-9][a-z0-9-]{0,62}");
        return new TenantId(raw);
    }

    private static TokenHandlerAppId appId(Exchange ctx) {
        return new TokenHandlerAppId(ctx.pathParam("app"));
    }

    private static OAuthException unknownApp() {
        return new OAuthException(ErrorCode.NOT_FOUND, "Unknown token-handler app");
    }
}
