package dev.tessera.http;

import dev.tessera.audit.AuditEvent;
import dev.tessera.grant.TokenResult;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.tokenhandler.AgentLogin;
import dev.tessera.tokenhandler.AgentSession;
import dev.tessera.tokenhandler.AppCookies;
import dev.tessera.tokenhandler.BrowserRequest;
import dev.tessera.tokenhandler.CookieKind;
import dev.tessera.tokenhandler.CookieLifetimes;
import dev.tessera.tokenhandler.LoginEndRequest;
import dev.tessera.tokenhandler.LoginStartRequest;
import dev.tessera.tokenhandler.RequestRules;
import dev.tessera.tokenhandler.SetCookie;
import dev.tessera.tokenhandler.TokenHandlerAppId;
import dev.tessera.tokenhandler.TokenHandlerDirectory;
import dev.tessera.tokenhandler.TokenHandlerSettings;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The OAuth agent of a token-handler app at {@code {issuer}/token-handler/{app}}, with the widely used
 * OAuth-agent API: Origin and CSRF rules, CORS for the app's origins only, errors as
 * {@code {"code", "message"}}. Spec: CONTRACT §6.2; Fetch §3.2 (CORS protocol).
 */
final class TokenHandlerEndpoints {
    private final TenantDirectory tenants;
    private final TokenHandlerDirectory apps;
    private final AgentLogin login;
    private final AgentSession session;
    private final Clock clock;

    TokenHandlerEndpoints(TenantDirectory tenants, TokenHandlerDirectory apps, AgentLogin login, AgentSession session, Clock clock) {
        this.tenants = tenants;
        this.apps = apps;
        this.login = login;
        this.session = session;
        this.clock = clock;
    }

    /** The request as the agent sees it: its tenant, app, cookies at this instant and browser view. */
    private record Call(Tenant tenant, TokenHandlerDirectory.Entry entry, AppCookies cookies, BrowserRequest browser) {
        TokenHandlerSettings settings() {
            return entry.settings();
        }
    }

    /** POST …/login/start → {@code {"authorizationRequestUrl"}}; trusted Origin, no CSRF header yet. */
    void loginStart(Exchange ctx) {
        run(ctx, "login_start", false, call -> {
            Map<String, Object> body = Requests.optionalJsonObject(ctx);
            AgentLogin.Started started = login.start(call.tenant(), call.settings(), call.cookies(),
                    body.isEmpty() ? LoginStartRequest.NONE : LoginStartRequest.parse(body));
            setCookies(ctx, started.cookies());
            ResponseWriter.json(ctx, 200, Map.of("authorizationRequestUrl", started.authorizationRequestUrl()));
        });
    }

    /** POST …/login/end with {@code {"pageUrl"}} → {@code {"handled", "isLoggedIn", "csrf"}}; trusted Origin. */
    void loginEnd(Exchange ctx) {
        run(ctx, "login_end", false, call -> {
            AgentLogin.Ended ended = login.end(call.tenant(), call.settings(), call.cookies(), call.browser(),
                    LoginEndRequest.parse(Requests.optionalJsonObject(ctx)));
            setCookies(ctx, ended.cookies());
            if (ended.failure() != null) throw ended.failure();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("handled", ended.handled());
            body.put("isLoggedIn", ended.loggedIn());
            if (ended.csrf() != null) body.put("csrf", ended.csrf());
            ResponseWriter.json(ctx, 200, body);
            if (ended.tokens() != null) success(ctx, call, "token_handler.login_ended", ended.tokens(), "authorization_code");
        });
    }

    /** GET …/userinfo: the user's claims with the access-token cookie. */
    void userInfo(Exchange ctx) {
        run(ctx, "userinfo", false, call -> {
            ResponseWriter.json(ctx, 200, session.userInfo(call.tenant(), call.cookies(), call.browser()));
        });
    }

    /** GET …/claims: the ID token's claims. */
    void claims(Exchange ctx) {
        run(ctx, "claims", false, call -> {
            ResponseWriter.json(ctx, 200, session.claims(call.cookies(), call.browser()));
        });
    }

    /** POST …/refresh → 204 with rewritten cookies; 401 session_expired clears them. */
    void refresh(Exchange ctx) {
        run(ctx, "refresh", true, call -> {
            AgentSession.Refreshed r = session.refresh(call.tenant(), call.settings(), call.cookies(), call.browser());
            setCookies(ctx, r.cookies());
            if (r.failure() != null) throw r.failure();
            ctx.status(204);
            success(ctx, call, "token_handler.refreshed", r.tokens(), "refresh_token");
        });
    }

    /** POST …/logout → {@code {"endSessionRequestUrl"}}, cookies cleared, refresh token revoked. */
    void logout(Exchange ctx) {
        run(ctx, "logout", true, call -> {
            AgentSession.LoggedOut out = session.logout(call.tenant(), call.settings(), call.cookies(), call.browser());
            setCookies(ctx, out.cookies());
            ResponseWriter.json(ctx, 200, Map.of("endSessionRequestUrl", out.endSessionRequestUrl()));
            ctx.audit().record(call.tenant().id(), "token_handler.logged_out", AuditEvent.SUCCESS, call.settings().clientId(),
                    out.subject(), Map.of("app", call.entry().app().id().value(), "revoked", Boolean.toString(out.revoked())));
        });
    }

    /** OPTIONS of each agent path: the CORS preflight, answered for the app's origins only (others: 401 without CORS headers). */
    void preflight(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        TokenHandlerDirectory.Entry entry = entry(tenant, ctx);
        ResponseWriter.noStore(ctx);
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (!entry.settings().trusts(origin)) {
            refused(ctx, tenant, entry, "preflight", "untrusted or missing Origin");
            throw unauthorized("untrusted or missing Origin");
        }
        cors(ctx, origin);
        ctx.header("Access-Control-Allow-Methods", "GET, POST");
        ctx.header("Access-Control-Allow-Headers", "Content-Type, Accept, token-handler-version, "
                + entry.settings().cookies().csrfHeader());
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    private void run(Exchange ctx, String operation, boolean csrf, Consumer<Call> work) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        TokenHandlerDirectory.Entry entry = entry(tenant, ctx);
        ResponseWriter.noStore(ctx);
        ctx.header("Vary", "Origin");
        String origin = ctx.header("Origin");
        if (entry.settings().trusts(origin)) cors(ctx, origin);
        Logs.client(entry.settings().clientId());
        String method = ctx.method();
        BrowserRequest browser = new BrowserRequest() {
            @Override public String method() { return method; }

            @Override public String header(String name) { return ctx.header(name); }

            @Override public String cookie(String name) { return ctx.cookie(name); }
        };
        entry = apps.forCookie(tenant.id(), entry, anyCookie(entry, browser));
        AppCookies cookies = new AppCookies(tenant.id(), entry, CookieLifetimes.of(tenant.settings()), clock.instant());
        Optional<String> violation = RequestRules.originViolation(entry.settings(), method, origin);
        if (violation.isEmpty() && csrf) {
            String expected = cookies.open(CookieKind.CSRF, browser.cookie(cookies.name(CookieKind.CSRF))).orElse(null);
            violation = RequestRules.csrfViolation(ctx.header(entry.settings().cookies().csrfHeader()), expected);
        }
        if (violation.isPresent()) {
            refused(ctx, tenant, entry, operation, violation.get());
            throw unauthorized(violation.get());
        }
        Call call = new Call(tenant, entry, cookies, browser);
        String app = entry.app().id().value();
        dev.tessera.protocol.ClientId clientId = entry.settings().clientId();
        ctx.audit().onFailure((e, presented) -> {
            Map<String, String> details = new HashMap<>();
            details.put("app", app);
            details.put("error", e.code().code());
            details.put("reason", e.detailOrDescription());
            if (e.auditEvent() != null) details.put("security_alert", "true");
            return new RequestAudit.Event(tenant.id(), e.auditEvent() != null ? e.auditEvent() : "token_handler." + operation + "_failed",
                    AuditEvent.FAILURE, clientId, null, details);
        });
        work.accept(call);
    }

    private static void success(Exchange ctx, Call call, String type, TokenResult tokens, String grantType) {
        Map<String, String> details = new HashMap<>();
        details.put("app", call.entry().app().id().value());
        details.put("grant_type", grantType);
        details.put("token_format", tokens.accessToken().format());
        details.put("jti", tokens.accessToken().claims().jti());
        details.put("scope", tokens.scope().toString());
        if (tokens.refreshToken() != null) details.put("refresh_token", "issued");
        if (tokens.idToken() != null) details.put("id_token", "issued");
        ctx.audit().record(call.tenant().id(), type, AuditEvent.SUCCESS, call.settings().clientId(),
                tokens.accessToken().claims().subject(), details);
    }

    private static void refused(Exchange ctx, Tenant tenant, TokenHandlerDirectory.Entry entry, String operation, String reason) {
        ctx.audit().record(tenant.id(), "token_handler.request_refused", AuditEvent.FAILURE, entry.settings().clientId(), null,
                Map.of("app", entry.app().id().value(), "operation", operation, "reason", reason));
    }

    private TokenHandlerDirectory.Entry entry(Tenant tenant, Exchange ctx) {
        String raw = ctx.pathParam("app");
        if (!TokenHandlerAppId.isValid(raw)) throw unknownApp();
        return apps.find(tenant.id(), new TokenHandlerAppId(raw)).orElseThrow(TokenHandlerEndpoints::unknownApp);
    }

    /** The first of the app's cookies the request carries (its key id tells whether the keys changed elsewhere). */
    private static String anyCookie(TokenHandlerDirectory.Entry entry, BrowserRequest browser) {
        for (CookieKind k : CookieKind.values()) {
            String v = browser.cookie(entry.settings().cookies().name(k));
            if (v != null) return v;
        }
        return null;
    }

    private static void cors(Exchange ctx, String origin) {
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Access-Control-Allow-Credentials", "true");
    }

    private static void setCookies(Exchange ctx, List<SetCookie> cookies) {
        for (SetCookie c : cookies) ctx.addHeader("Set-Cookie", c.header());
    }

    private static OAuthException unauthorized(String reason) {
        return new OAuthException(ErrorCode.UNAUTHORIZED_REQUEST, "Access denied due to invalid request details").detail(reason);
    }

    private static OAuthException unknownApp() {
        return new OAuthException(ErrorCode.NOT_FOUND, "Unknown token-handler app");
    }
}
