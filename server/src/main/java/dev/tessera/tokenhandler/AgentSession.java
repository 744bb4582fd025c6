package dev.tessera.tokenhandler;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.client.Client;
import dev.tessera.client.ClientDirectory;
import dev.tessera.grant.TokenResult;
import dev.tessera.keys.KeyService;
import dev.tessera.oidc.UserInfoService;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.revocation.RevocationService;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantId;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session half of the OAuth agent, on the session cookies: the user's claims ({@code GET /userinfo}),
 * the ID token's claims ({@code GET /claims}), {@code POST /refresh} (the refresh grant in process,
 * cookies rewritten) and {@code POST /logout} (cookies cleared, refresh token revoked, the RP-initiated
 * logout URL returned). Spec: CONTRACT §6.2; OIDC Core §5.3; RFC 6749 §6; RFC 7009; OIDC RP-Initiated Logout 1.0 §2.
 */
public final class AgentSession {
    /** New cookies and the tokens behind them; or, with {@code failure}, the cookies that end the session. */
    public record Refreshed(List<SetCookie> cookies, TokenResult tokens, OAuthException failure) {}

    /** The logout URL and the cookies that end the session. {@code subject} (for audit) may be null. */
    public record LoggedOut(String endSessionRequestUrl, List<SetCookie> cookies, String subject, boolean revoked) {}

    private final ClientDirectory clients;
    private final AgentGrants grants;
    private final UserInfoService userInfo;
    private final RevocationService revocation;
    private final KeyService keys;
    private final IssuerUrls issuers;

    public AgentSession(ClientDirectory clients, AgentGrants grants, UserInfoService userInfo, RevocationService revocation,
                        KeyService keys, IssuerUrls issuers) {
        this.clients = clients;
        this.grants = grants;
        this.userInfo = userInfo;
        this.revocation = revocation;
        this.keys = keys;
        this.issuers = issuers;
    }

    /**
     * The user's claims through UserInfo with the access-token cookie. Without that cookie but with a
     * refresh cookie, or with a token no longer active, {@code token_expired} tells the SPA to refresh.
     */
    public Map<String, Object> userInfo(Tenant tenant, AppCookies cookies, BrowserRequest browser) {
        String sealed = browser.cookie(cookies.name(CookieKind.ACCESS_TOKEN));
        if (sealed == null) {
            boolean refreshable = browser.cookie(cookies.name(CookieKind.REFRESH_TOKEN)) != null;
            throw refreshable ? tokenExpired("no access-token cookie") : sessionExpired("no access-token cookie");
        }
        CookieCipher.Opened opened = cookies.read(CookieKind.ACCESS_TOKEN, sealed);
        if (opened instanceof CookieCipher.Opened.Expired) throw tokenExpired("access-token cookie past its lifetime");
        String token = opened.usable().orElseThrow(() -> unopenable(CookieKind.ACCESS_TOKEN));
        UserInfoService.Result result = userInfo.claims(tenant, token);
        if (result instanceof UserInfoService.Result.Claims c) return c.claims();
        if (result instanceof UserInfoService.Result.InsufficientScope) {
            throw new OAuthException(ErrorCode.FORBIDDEN, "The access token lacks scope openid");
        }
        throw tokenExpired("access token not active, or its user inactive");
    }

    /** The ID token's claims (its payload; the cookie's authenticated encryption vouches for it). */
    public Map<String, Object> claims(AppCookies cookies, BrowserRequest browser) {
        String sealed = browser.cookie(cookies.name(CookieKind.ID_TOKEN));
        if (sealed == null) throw sessionExpired("no ID-token cookie");
        CookieCipher.Opened opened = cookies.read(CookieKind.ID_TOKEN, sealed);
        if (opened instanceof CookieCipher.Opened.Expired) throw sessionExpired("ID-token cookie past its lifetime");
        String idToken = opened.usable().orElseThrow(() -> unopenable(CookieKind.ID_TOKEN));
        try {
            return SignedJWT.parse(idToken).getPayload().toJSONObject();
        } catch (java.text.ParseException e) {
            throw unopenable(CookieKind.ID_TOKEN);
        }
    }

    /** The refresh grant with the refresh cookie; any failure ends the session (401 session_expired, cookies cleared). */
    public Refreshed refresh(Tenant tenant, TokenHandlerSettings app, AppCookies cookies, BrowserRequest browser) {
        String sealed = browser.cookie(cookies.name(CookieKind.REFRESH_TOKEN));
        if (sealed == null) return ended(cookies, "no refresh-token cookie");
        Optional<String> refreshToken = cookies.open(CookieKind.REFRESH_TOKEN, sealed);
        if (refreshToken.isEmpty()) return ended(cookies, "refresh-token cookie cannot be opened");
        Optional<Client> client = clients.find(tenant.id(), app.clientId());
        if (client.isEmpty()) return ended(cookies, "the app's client no longer exists");
        TokenResult tokens;
        try {
            tokens = grants.refresh(tenant, client.get(), refreshToken.get());
        } catch (OAuthException e) {
            Refreshed r = ended(cookies, "refresh grant failed: " + e.code().code() + ": " + e.detailOrDescription());
            if (e.auditEvent() != null) r.failure().auditEvent(e.auditEvent());      // e.g. refresh-token reuse (RFC 9700 §4.14.2)
            return r;
        }
        List<SetCookie> out = new ArrayList<>();
        out.add(cookies.seal(CookieKind.ACCESS_TOKEN, tokens.accessToken().value()));
        if (tokens.refreshToken() != null) out.add(cookies.seal(CookieKind.REFRESH_TOKEN, tokens.refreshToken()));
        if (tokens.idToken() != null) out.add(cookies.seal(CookieKind.ID_TOKEN, tokens.idToken()));
        return new Refreshed(out, tokens, null);
    }

    /**
     * Clears the cookies, revokes the refresh token (and with it the grant's access tokens; the access
     * token alone when there is no refresh token) and returns the end-session URL: client_id, the ID
     * token as id_token_hint while its signing key is published, and the client's first registered
     * post-logout redirect URI on one of the app's origins.
     */
    public LoggedOut logout(Tenant tenant, TokenHandlerSettings app, AppCookies cookies, BrowserRequest browser) {
        List<SetCookie> out = new ArrayList<>(cookies.clearSession());
        out.add(cookies.clear(CookieKind.LOGIN));
        Optional<String> idToken = cookies.open(CookieKind.ID_TOKEN, browser.cookie(cookies.name(CookieKind.ID_TOKEN)));
        Optional<String> refresh = cookies.open(CookieKind.REFRESH_TOKEN, browser.cookie(cookies.name(CookieKind.REFRESH_TOKEN)));
        Optional<String> access = cookies.open(CookieKind.ACCESS_TOKEN, browser.cookie(cookies.name(CookieKind.ACCESS_TOKEN)));
        Optional<Client> client = clients.find(tenant.id(), app.clientId());
        boolean revoked = false;
        Optional<String> token = refresh.isPresent() ? refresh : access;
        if (client.isPresent() && token.isPresent()) {
            try {
                revoked = revocation.revoke(tenant.id(), new AuthenticatedClient(client.get(), client.get().authMethod()),
                        token.get()) == RevocationService.Outcome.REVOKED;
            } catch (OAuthException e) {
                revoked = false;                             // another client's token: nothing of this app to revoke
            }
        }
        StringBuilder url = new StringBuilder(issuers.endpoint(tenant.id(), "/logout")).append("?client_id=")
                .append(enc(app.clientId().value()));
        idToken.filter(t -> published(tenant.id(), t)).ifPresent(t -> url.append("&id_token_hint=").append(enc(t)));
        client.flatMap(c -> logoutRedirect(c, app)).ifPresent(u -> url.append("&post_logout_redirect_uri=").append(enc(u)));
        Object subject = idToken.map(t -> AgentLogin.claim(t, "sub")).orElse(null);
        return new LoggedOut(url.toString(), out, subject instanceof String s ? s : null, revoked);
    }

    /** Whether the ID token's signing key is still published, so the logout endpoint accepts it as a hint. */
    private boolean published(TenantId tenant, String idToken) {
        try {
            return keys.keys(tenant).verifier(SignedJWT.parse(idToken).getHeader().getKeyID()) != null;
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    private static Optional<String> logoutRedirect(Client c, TokenHandlerSettings app) {
        if (!(c.metadata().getCustomField("post_logout_redirect_uris") instanceof List<?> uris)) return Optional.empty();
        for (Object o : uris) {
            if (o instanceof String s) {
                try {
                    if (app.trusts(TokenHandlerSettings.originOf(new URI(s)))) return Optional.of(s);
                } catch (java.net.URISyntaxException | RuntimeException e) {
                    // not an http(s) URI of the app: skip
                }
            }
        }
        return Optional.empty();
    }

    private static Refreshed ended(AppCookies cookies, String detail) {
        return new Refreshed(cookies.clearSession(), null, sessionExpired(detail));
    }

    private static OAuthException sessionExpired(String detail) {
        return new OAuthException(ErrorCode.SESSION_EXPIRED, "The session has expired; sign in again").detail(detail);
    }

    private static OAuthException tokenExpired(String detail) {
        return new OAuthException(ErrorCode.TOKEN_EXPIRED, "The access token has expired; refresh it").detail(detail);
    }

    private static OAuthException unopenable(CookieKind kind) {
        return new OAuthException(ErrorCode.UNAUTHORIZED_REQUEST, "Access denied due to invalid request details")
                .detail(kind.suffix() + " cookie cannot be opened (tampered, moved, expired or key dropped)");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
