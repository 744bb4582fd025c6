package dev.tessera.http;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.audit.AuditEvent;
import dev.tessera.authorize.AuthorizationRequestValidator;
import dev.tessera.authorize.FormTokens;
import dev.tessera.client.Client;
import dev.tessera.client.ClientDirectory;
import dev.tessera.introspection.TokenLookup;
import dev.tessera.keys.KeyService;
import dev.tessera.oidc.UserInfoService;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.session.Session;
import dev.tessera.session.SessionService;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.user.UserRepository;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UserInfo and RP-initiated logout. Spec: OIDC Core §5.3; RFC 6750 §2–3; OIDC RP-Initiated Logout 1.0 §2–3.
 */
final class OidcEndpoints {
    private final TenantDirectory tenants;
    private final ClientDirectory clients;
    private final SessionService sessions;
    private final RefreshTokenRepository refreshTokens;
    private final KeyService keys;
    private final IssuerUrls issuers;
    private final Clock clock;
    private final PageWriter pages = new PageWriter();
    private final BrowserCookies cookies;
    private final UserInfoService userInfo;

    OidcEndpoints(TenantDirectory tenants, TokenLookup tokens, UserRepository users, ClientDirectory clients,
                  SessionService sessions, RefreshTokenRepository refreshTokens, KeyService keys, IssuerUrls issuers,
                  FormTokens formTokens, Clock clock) {
        this.tenants = tenants;
        this.clients = clients;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
        this.cookies = new BrowserCookies(issuers, formTokens);
        this.userInfo = new UserInfoService(tokens, users);
    }

    /** GET or POST {issuer}/userinfo. */
    void userInfo(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.header("Cache-Control", "no-store");
        String realm = "Bearer realm=\"" + issuers.issuer(tenant.id()) + "\"";
        String token = Requests.bearer(ctx);
        if (ctx.method().equals("POST") && ctx.header("Content-Type") != null
                && Requests.mediaType(ctx.header("Content-Type")).equals("application/x-www-form-urlencoded")) {
            String inBody = Requests.form(ctx).optional("access_token");            // RFC 6750 §2.2
            if (token != null && inBody != null) {                                   // §2: one method only
                throw OAuthException.invalidRequest("Send the access token in one way only")
                        .header("WWW-Authenticate", realm + ", error=\"invalid_request\"");
            }
            if (token == null) token = inBody;
        }
        if (token == null) {
            throw new OAuthException(ErrorCode.INVALID_TOKEN, "An access token is required").header("WWW-Authenticate", realm);
        }
        UserInfoService.Result result = userInfo.claims(tenant, token);
        if (result instanceof UserInfoService.Result.InvalidToken) {
            throw new OAuthException(ErrorCode.INVALID_TOKEN, "The access token is invalid")
                    .header("WWW-Authenticate", realm + ", error=\"invalid_token\"");
        }
        if (result instanceof UserInfoService.Result.InsufficientScope) {
            throw new OAuthException(ErrorCode.INSUFFICIENT_SCOPE, "The access token lacks scope openid")
                    .header("WWW-Authenticate", realm + ", error=\"insufficient_scope\", scope=\"openid\"");
        }
        UserInfoService.Result.Claims claims = (UserInfoService.Result.Claims) result;
        String alg = clients.find(tenant.id(), claims.clientId()).map(Client::userInfoSignedResponseAlg).orElse(null);
        if (alg == null) {
            ResponseWriter.json(ctx, 200, claims.claims());
            return;
        }
        // OIDC Core §5.3.2 / Registration §2: the client registered userinfo_signed_response_alg
        String jwt = dev.tessera.oidc.SignedUserInfo.sign(keys.keys(tenant.id()).signerFor(alg), issuers.issuer(tenant.id()),
                claims.clientId().value(), claims.claims(), clock.instant());
        ResponseWriter.write(ctx, new dev.tessera.protocol.OAuthResponse(200, Map.of(), dev.tessera.oidc.SignedUserInfo.MEDIA_TYPE,
                jwt.getBytes(StandardCharsets.US_ASCII)));
    }

    /** GET or POST {issuer}/logout; errors are shown as a page, never redirected. */
    void logout(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        try {
            endSession(ctx, tenant);
        } catch (OAuthException e) {
            pages.render(ctx, e.code().status(), "message", Map.of("tenantName", tenant.settings().displayName(),
                    "title", "Something went wrong", "message", e.description(), "alert", true), null);
        }
    }

    private void endSession(Exchange ctx, Tenant tenant) {
        FormParameters p = FormParameters.parse(ctx.queryString() == null ? "" : ctx.queryString());
        if (ctx.method().equals("POST")) {                      // the confirmation form posts to the same query
            Map<String, List<String>> merged = new java.util.LinkedHashMap<>(p.asMap());
            Requests.form(ctx).asMap().forEach((k, v) -> merged.merge(k, v, (a, b) -> {
                List<String> all = new java.util.ArrayList<>(a);
                all.addAll(b);
                return all;
            }));
            p = FormParameters.of(merged);
        }
        p.rejectRepeatsExcept(java.util.Set.of());
        String state = p.optional("state");
        if (state != null && state.length() > AuthorizationRequestValidator.MAX_STATE_LENGTH) {
            throw OAuthException.invalidRequest("The request's state is too long");    // never echoed
        }
        boolean decided = p.optional("decision") != null;
        if (decided && ctx.method().equals("POST") && !cookies.sameOrigin(ctx)) {
            throw new OAuthException(ErrorCode.FORBIDDEN, "This form was sent from another site; sign-out refused");
        }
        Optional<Session> session = sessions.resolve(tenant.id(), tenant.settings(), cookies.get(ctx, tenant.id(), SessionService.COOKIE));
        Hint hint = hint(tenant, p.optional("id_token_hint"));
        String clientIdRaw = p.optional("client_id");
        ClientId clientId = hint != null ? hint.clientId() : clientIdRaw == null ? null : safeClientId(clientIdRaw);
        if (hint != null && clientIdRaw != null && !clientIdRaw.equals(hint.clientId().value())) {
            throw OAuthException.invalidRequest("client_id does not match id_token_hint");
        }
        String redirect = p.optional("post_logout_redirect_uri");
        if (redirect != null) {
            Client client = clientId == null ? null : clients.find(tenant.id(), clientId).orElse(null);
            if (client == null || !registeredLogoutUris(client).contains(redirect)) {
                throw OAuthException.invalidRequest("post_logout_redirect_uri is not registered for the client");
            }
        }
        boolean confirmed = "logout".equals(p.optional("decision")) && ctx.method().equals("POST")
                && cookies.formTokenValid(ctx, tenant.id(), "logout", p.optional("csrf"));
        boolean hintMatches = hint != null && session.isPresent()
                && (session.get().sid().equals(hint.sid()) || session.get().userId().value().equals(hint.subject()));
        if (session.isPresent() && !confirmed && !hintMatches) {
            String csrf = cookies.formToken(tenant.id(), cookies.browserSecret(ctx, tenant.id()), "logout");
            String hidden = ctx.queryString() == null ? "" : ctx.queryString();
            pages.render(ctx, 200, "logout", Map.of("tenantName", tenant.settings().displayName(),
                    "action", issuers.issuer(tenant.id()) + "/logout?" + hidden, "csrf", csrf, "hidden", ""), redirect);
            return;
        }
        if (session.isPresent()) {
            sessions.end(tenant.id(), session.get().sid());
            refreshTokens.revokeSession(tenant.id(), session.get().sid(), clock.instant());
            ctx.audit().record(tenant.id(), "logout", AuditEvent.SUCCESS, clientId, session.get().userId().value(),
                    Map.of("sid", session.get().sid()));
        }
        cookies.clear(ctx, tenant.id(), SessionService.COOKIE);
        if (redirect != null) {
            String loc = redirect + (state == null ? "" : (redirect.contains("?") ? "&" : "?") + "state="
                    + URLEncoder.encode(state, StandardCharsets.UTF_8));
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(loc);
            return;
        }
        pages.render(ctx, 200, "message", Map.of("tenantName", tenant.settings().displayName(), "title", "Signed out",
                "message", "You are signed out.", "alert", false), null);
    }

    private record Hint(ClientId clientId, String subject, String sid) {}

    /** The ID token hint, verified as ours (signature and issuer; expiry does not matter here). */
    private Hint hint(Tenant tenant, String idToken) {
        if (idToken == null) return null;
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            var verifier = keys.keys(tenant.id()).verifier(jwt.getHeader().getKeyID());
            if (verifier == null || !jwt.verify(verifier)) throw new IllegalArgumentException();
            var c = jwt.getJWTClaimsSet();
            if (!issuers.issuer(tenant.id()).equals(c.getIssuer()) || c.getAudience() == null || c.getAudience().isEmpty()) {
                throw new IllegalArgumentException();
            }
            // an ID token, not another JWT the tenant signs: access tokens and introspection answers carry
            // their own typ (RFC 9068 §2.1, RFC 9701 §5), and a signed userinfo answer has no exp
            var typ = jwt.getHeader().getType();
            if (typ != null && !typ.equals(com.nimbusds.jose.JOSEObjectType.JWT)) throw new IllegalArgumentException();
            if (c.getExpirationTime() == null || c.getIssueTime() == null || c.getSubject() == null) {
                throw new IllegalArgumentException();
            }
            return new Hint(new ClientId(c.getAudience().get(0)), c.getSubject(), c.getStringClaim("sid"));
        } catch (Exception e) {
            throw OAuthException.invalidRequest("id_token_hint is invalid");
        }
    }

    private static ClientId safeClientId(String raw) {
        try {
            return new ClientId(raw);
        } catch (OAuthException e) {
            throw OAuthException.invalidRequest("client_id is invalid");
        }
    }

    static List<String> registeredLogoutUris(Client c) {
        Object v = c.metadata().getCustomField("post_logout_redirect_uris");
        if (!(v instanceof List<?> l)) return List.of();
        return l.stream().filter(x -> x instanceof String).map(x -> (String) x).toList();
    }
}
