package dev.tessera.http;

import dev.tessera.audit.AuditEvent;
import dev.tessera.authorize.AuthorizationFlow;
import dev.tessera.authorize.AuthorizationParameters;
import dev.tessera.authorize.AuthorizationRequestValidator;
import dev.tessera.authorize.AuthorizationResponse;
import dev.tessera.authorize.FormTokens;
import dev.tessera.authorize.PendingAuthorization;
import dev.tessera.authorize.RequestSealer;
import dev.tessera.authorize.SignIn;
import dev.tessera.client.Client;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.session.Session;
import dev.tessera.session.SessionService;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.keys.RandomValues;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser side of the code flow: authorization endpoint, sign-in and consent pages.
 * Spec: RFC 6749 §4.1; OIDC Core §3.1.2; RFC 9207; OAuth 2.0 Form Post Response Mode; CONTRACT §4.
 */
final class BrowserEndpoints {

    private static final String SIGNIN = "signin";
    private static final String CONSENT = "consent";

    private final TenantDirectory tenants;
    private final AuthorizationRequestValidator validator;
    private final AuthorizationFlow flow;
    private final RequestSealer sealer;
    private final SignIn signIn;
    private final SessionService sessions;
    private final IssuerUrls issuers;
    private final PageWriter pages = new PageWriter();
    private final BrowserCookies cookies;
    private final BrowserLane lane;

    BrowserEndpoints(TenantDirectory tenants, AuthorizationRequestValidator validator, AuthorizationFlow flow,
                     RequestSealer sealer, SignIn signIn, SessionService sessions, IssuerUrls issuers, FormTokens formTokens,
                     dev.tessera.user.HashingGate lane) {
        this.tenants = tenants;
        this.validator = validator;
        this.flow = flow;
        this.sealer = sealer;
        this.signIn = signIn;
        this.sessions = sessions;
        this.issuers = issuers;
        this.cookies = new BrowserCookies(issuers, formTokens);
        this.lane = new BrowserLane(lane, tenants);
    }

    /** The bound on browser interactions running at once (routes go through it). */
    BrowserLane lane() {
        return lane;
    }

    /** GET or POST {issuer}/authorize. */
    void authorize(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        try {
            AuthorizationParameters params = ctx.method().equals("POST") ? AuthorizationParameters.form(Requests.form(ctx))
                    : AuthorizationParameters.query(ctx.queryString());
            PendingAuthorization req = validator.validate(tenant.id(), params);
            step(ctx, tenant, flow.next(tenant, req, session(ctx, tenant), false), null);
        } catch (OAuthException e) {
            error(ctx, tenant, e);
        }
    }

    /** POST {issuer}/login: the sign-in form. */
    void login(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        try {
            requireSameOrigin(ctx);
            FormParameters form = Requests.form(ctx);
            PendingAuthorization req = openForm(ctx, tenant, form, SIGNIN, null);
            String username = form.optional("username");
            String password = form.optional("password");
            if (username == null || password == null || username.length() > 256 || password.length() > 1024) {
                showSignIn(ctx, tenant, req, username, "Enter your username and password.", 400);
                return;
            }
            SignIn.Result result = signIn.attempt(tenant.id(), username, password, ctx.remoteAddressText(),
                    cookies.get(ctx, tenant.id(), BrowserCookies.KNOWN));
            if (result instanceof SignIn.Result.Success s) {
                cookies.setLasting(ctx, tenant.id(), BrowserCookies.KNOWN, signIn.knownBrowserProof(tenant.id(), username),
                        BrowserCookies.KNOWN_MAX_AGE_SECONDS);
                SessionService.Started started = sessions.signedIn(tenant.id(), tenant.settings(), session(ctx, tenant),
                        s.user().id(), "pwd", null);
                cookies.set(ctx, tenant.id(), SessionService.COOKIE, started.cookieValue(), "Lax");
                ctx.audit().record(tenant.id(), "signin.succeeded", AuditEvent.SUCCESS, req.redirect().clientId(), s.user().id().value(),
                        Map.of("sid", started.session().sid()));
                PendingAuthorization fresh = req.withInteraction(req.interaction().without("login"));
                step(ctx, tenant, flow.next(tenant, fresh, Optional.of(started.session()), true), null);
            } else if (result instanceof SignIn.Result.Throttled t) {
                ctx.audit().recordAggregated(tenant.id(), "signin.throttled", AuditEvent.FAILURE, req.redirect().clientId(),
                        ctx.remoteAddressText(), Map.of("key", t.scope(), "until", t.until().toString()));
                showSignIn(ctx, tenant, req, username, "Too many failed attempts. Try again later.", 429);
            } else if (result instanceof SignIn.Result.Busy) {
                ctx.audit().recordAggregated(tenant.id(), "signin.busy", AuditEvent.FAILURE, req.redirect().clientId(),
                        ctx.remoteAddressText(), Map.of());
                ctx.header("Retry-After", "1");
                showSignIn(ctx, tenant, req, username, "The server is busy. Please try again in a moment.", 503);
            } else {
                SignIn.Result.Failure f = (SignIn.Result.Failure) result;
                // the subject when the account exists, else a keyed hash: the typed name is sometimes a password
                ctx.audit().record(tenant.id(), "signin.failed", AuditEvent.FAILURE, req.redirect().clientId(), f.subject(),
                        f.subject() != null ? Map.of("reason", f.reason()) : Map.of("reason", f.reason(), "usernameHash", f.userNameHash()));
                showSignIn(ctx, tenant, req, username, "Invalid username or password.", 200);   // 401 would need a challenge
            }
        } catch (OAuthException e) {
            error(ctx, tenant, e);
        }
    }

    /** POST {issuer}/consent: Allow or Deny. */
    void consent(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        try {
            requireSameOrigin(ctx);                               // before anything is read or touched
            FormParameters form = Requests.form(ctx);
            Optional<Session> session = session(ctx, tenant);
            // bound to this browser and the session it was shown to; if that session ended meanwhile: sign in again
            PendingAuthorization req = openForm(ctx, tenant, form, CONSENT, session.map(Session::sid).orElse(null));
            if (session.isEmpty()) {
                step(ctx, tenant, flow.next(tenant, req, session, false), null);
                return;
            }
            String decision = form.optional("decision");
            boolean allow = "allow".equals(decision);
            if (!allow && !"deny".equals(decision)) throw OAuthException.invalidRequest("Choose Allow or Deny");
            ctx.audit().record(tenant.id(), allow ? "consent.granted" : "consent.denied", AuditEvent.SUCCESS, req.redirect().clientId(),
                    session.get().userId().value(), Map.of("scope", req.requested().scope().toString()));
            step(ctx, tenant, flow.decide(tenant, req, session.get(), allow), null);
        } catch (OAuthException e) {
            error(ctx, tenant, e);
        }
    }

    /** GET {issuer}/callback-demo: shows what the demo public client received (dev mode helper). */
    void callbackDemo(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        StringBuilder b = new StringBuilder();
        ctx.queryParamMap().forEach((k, v) -> b.append(k).append(" = ").append(String.join(", ", v)).append("; "));
        pages.render(ctx, 200, "message", Map.of("tenantName", tenant.settings().displayName(), "title", "Callback",
                "message", b.length() == 0 ? "No parameters." : b.toString(), "alert", false), null);
    }

    private void step(Exchange ctx, Tenant tenant, AuthorizationFlow.Step step, String error) {
        if (step instanceof AuthorizationFlow.Step.ShowSignIn s) {
            showSignIn(ctx, tenant, s.request(), s.request().interaction().loginHint(), error, 200);
        } else if (step instanceof AuthorizationFlow.Step.ShowConsent c) {
            Map<String, Object> p = new HashMap<>();
            p.put("tenantName", tenant.settings().displayName());
            p.put("clientName", clientName(c.client()));
            p.put("action", issuers.issuer(tenant.id()) + "/consent");
            String secret = cookies.browserSecret(ctx, tenant.id());
            p.put("request", sealer.seal(tenant.id(), c.request(), binding(CONSENT, secret, c.session().sid())));
            p.put("csrf", cookies.formToken(tenant.id(), secret, CONSENT));
            p.put("scopes", c.scope().values());
            pages.render(ctx, 200, "consent", p, c.request().redirect().redirectUri());
        } else {
            AuthorizationFlow.Step.Respond r = (AuthorizationFlow.Step.Respond) step;
            if (r.response().params().containsKey("code")) {
                ctx.audit().record(tenant.id(), "authorization_code.issued", AuditEvent.SUCCESS, r.response().to().clientId(),
                        r.authentication().userId().value(), Map.of("sid", r.authentication().sid()));
            }
            respond(ctx, r.response());
        }
    }

    private void showSignIn(Exchange ctx, Tenant tenant, PendingAuthorization req, String username, String error, int status) {
        Map<String, Object> p = new HashMap<>();
        p.put("tenantName", tenant.settings().displayName());
        p.put("clientName", req.redirect().clientId().value());
        p.put("action", issuers.issuer(tenant.id()) + "/login");
        String secret = cookies.browserSecret(ctx, tenant.id());
        p.put("request", sealer.seal(tenant.id(), req, binding(SIGNIN, secret, null)));
        p.put("csrf", cookies.formToken(tenant.id(), secret, SIGNIN));
        p.put("username", username == null ? "" : username);
        p.put("error", error);
        // form-action also governs the redirect that answers the POST (CSP3 §6.3.1), so it admits the client
        pages.render(ctx, status, "signin", p, req.redirect().redirectUri());
    }

    private void respond(Exchange ctx, AuthorizationResponse r) {
        if (r.isFormPost()) {
            pages.render(ctx, 200, "formpost", Map.of("action", r.to().redirectUri(), "fields", r.params()), r.to().redirectUri());
        } else {
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(r.redirectLocation());
        }
    }

    /** RFC 6749 §4.1.2.1: to the client once its redirect URI is trusted, else an error page for the user. */
    private void error(Exchange ctx, Tenant tenant, OAuthException e) {
        if (e.redirect() != null) {
            respond(ctx, AuthorizationResponse.error(e.redirect(), e.code(), e.description(), issuers.issuer(tenant.id())));
        } else {
            errorPage(ctx, tenant, e.code().status(), e.description());
        }
    }

    private void errorPage(Exchange ctx, Tenant tenant, int status, String message) {
        pages.render(ctx, status, "message", Map.of("tenantName", tenant.settings().displayName(), "title", "Something went wrong",
                "message", message, "alert", true), null);
    }

    private Optional<Session> session(Exchange ctx, Tenant tenant) {
        return sessions.resolve(tenant.id(), tenant.settings(), cookies.get(ctx, tenant.id(), SessionService.COOKIE));
    }

    /** 403 when the browser says the form was posted from another site (Origin, Sec-Fetch-Site). */
    private void requireSameOrigin(Exchange ctx) {
        if (!cookies.sameOrigin(ctx)) {
            throw new OAuthException(ErrorCode.FORBIDDEN, "This form was sent from another site; please start again from the application");
        }
    }

    /**
     * The pending request of a posted sign-in or consent form, once the form is shown to come from this
     * browser: with this browser's form token for the purpose, and a sealed request bound to this
     * browser (and, for consent, the session it was shown to).
     */
    private PendingAuthorization openForm(Exchange ctx, Tenant tenant, FormParameters form, String purpose, String sid) {
        String secret = cookies.presentedSecret(ctx, tenant.id());
        if (!cookies.formTokenValid(ctx, tenant.id(), purpose, form.optional("csrf"))) {
            throw OAuthException.invalidRequest("The form has expired; please go back and try again");
        }
        return sealer.open(tenant.id(), form.optional("request"), binding(purpose, secret, sid));
    }

    private static RequestSealer.Binding binding(String purpose, String browserSecret, String sid) {
        return new RequestSealer.Binding(purpose, browserSecret, sid);
    }

    private static String clientName(Client c) {
        return c.metadata().getName() != null ? c.metadata().getName() : c.clientId().value();
    }
}
