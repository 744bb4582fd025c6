package dev.tessera.tokenhandler;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.tessera.client.Client;
import dev.tessera.client.ClientDirectory;
import dev.tessera.grant.TokenResult;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.keys.RandomValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.minidev.json.JSONObject;

/**
 * The login half of the OAuth agent: {@code POST /login/start} builds a code + PKCE (S256) + state +
 * nonce authorization request and keeps state, nonce and verifier in the sealed login cookie;
 * {@code POST /login/end} reports the session on every page load, and on the redirect URI's page checks
 * the state, redeems the code in process and sets the session cookies.
 * Spec: CONTRACT §6.2; RFC 6749 §4.1; RFC 7636; RFC 9207; OIDC Core §3.1.2.1, §3.1.3.7 (nonce).
 */
public final class AgentLogin {
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    /** The authorization request URL and the login cookie. */
    public record Started(String authorizationRequestUrl, List<SetCookie> cookies) {}

    /**
     * What a page load found. {@code tokens} is set when it redeemed a code; {@code failure}, when set, is
     * answered after the cookies are written (the login cookie is spent either way).
     */
    public record Ended(boolean handled, boolean loggedIn, String csrf, List<SetCookie> cookies, TokenResult tokens,
                        OAuthException failure) {}

    private final ClientDirectory clients;
    private final AgentGrants grants;
    private final IssuerUrls issuers;

    public AgentLogin(ClientDirectory clients, AgentGrants grants, IssuerUrls issuers) {
        this.clients = clients;
        this.grants = grants;
        this.issuers = issuers;
    }

    public Started start(Tenant tenant, TokenHandlerSettings app, AppCookies cookies, LoginStartRequest request) {
        String state = RandomValues.token(32);
        String nonce = RandomValues.token(32);
        CodeVerifier verifier = new CodeVerifier();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", app.clientId().value());
        p.put("redirect_uri", app.redirectUri());
        p.put("scope", app.scope().toString());
        p.put("state", state);
        p.put("nonce", nonce);
        p.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
        p.put("code_challenge_method", "S256");
        p.putAll(request.extraParams());
        List<String> query = new ArrayList<>();
        p.forEach((k, v) -> query.add(enc(k) + "=" + enc(v)));
        JSONObject login = new JSONObject();
        login.put("state", state);
        login.put("nonce", nonce);
        login.put("codeVerifier", verifier.getValue());
        return new Started(issuers.endpoint(tenant.id(), "/authorize") + "?" + String.join("&", query),
                List.of(cookies.seal(CookieKind.LOGIN, login.toJSONString())));
    }

    public Ended end(Tenant tenant, TokenHandlerSettings app, AppCookies cookies, BrowserRequest browser, LoginEndRequest request) {
        if (!request.isAuthorizationResponse()) return pageLoad(cookies, browser);
        FormParameters q = request.query();
        String sealed = browser.cookie(cookies.name(CookieKind.LOGIN));
        if (sealed == null) throw OAuthException.invalidRequest("No login is in progress").detail("no login cookie");
        Map<String, Object> login = cookies.open(CookieKind.LOGIN, sealed).flatMap(AgentLogin::json)
                .orElseThrow(() -> new OAuthException(ErrorCode.UNAUTHORIZED_REQUEST, "Access denied due to invalid request details")
                        .detail("login cookie cannot be opened (tampered, moved, expired or key dropped)"));
        if (!q.optional("state").equals(login.get("state"))) {
            throw OAuthException.invalidRequest("State parameter mismatch when completing a login").detail("state mismatch");
        }
        List<SetCookie> out = new ArrayList<>(List.of(cookies.clear(CookieKind.LOGIN)));
        String iss = q.optional("iss");
        if (iss == null || !iss.equals(issuers.issuer(tenant.id()))) {                      // RFC 9207 §2.4: required
            return failed(out, OAuthException.invalidRequest("The authorization response came from another issuer")
                    .detail(iss == null ? "no iss in the authorization response" : "iss of another issuer"));
        }
        String error = q.optional("error");
        if (error != null) return failed(out, authorizationError(error));
        Optional<Client> client = clients.find(tenant.id(), app.clientId());
        if (client.isEmpty()) return failed(out, redemptionFailed("the app's client no longer exists"));
        TokenResult tokens;
        try {
            tokens = grants.redeem(tenant, client.get(), q.optional("code"), app.redirectUri(), (String) login.get("codeVerifier"));
        } catch (OAuthException e) {
            OAuthException failure = redemptionFailed(e.code().code() + ": " + e.detailOrDescription());
            if (e.auditEvent() != null) failure.auditEvent(e.auditEvent());               // e.g. a replayed code
            return failed(out, failure);
        }
        if (tokens.idToken() != null && !login.get("nonce").equals(claim(tokens.idToken(), "nonce"))) {
            return failed(out, redemptionFailed("ID token nonce mismatch"));                 // OIDC Core §3.1.3.7
        }
        String csrf = RandomValues.token(32);
        out.add(cookies.seal(CookieKind.ACCESS_TOKEN, tokens.accessToken().value()));
        out.add(tokens.refreshToken() == null ? cookies.clear(CookieKind.REFRESH_TOKEN)
                : cookies.seal(CookieKind.REFRESH_TOKEN, tokens.refreshToken()));
        out.add(tokens.idToken() == null ? cookies.clear(CookieKind.ID_TOKEN) : cookies.seal(CookieKind.ID_TOKEN, tokens.idToken()));
        out.add(cookies.seal(CookieKind.CSRF, csrf));
        return new Ended(true, true, csrf, out, tokens, null);
    }

    /**
     * Any other page: logged in while a CSRF cookie that opens and a token cookie are present; the SPA
     * gets its CSRF token back. Session cookies that no longer open (the app was re-created, or they were
     * tampered with) are cleared, so the SPA offers a new login instead of failing on every page load.
     */
    private static Ended pageLoad(AppCookies cookies, BrowserRequest browser) {
        String sealed = browser.cookie(cookies.name(CookieKind.CSRF));
        boolean tokens = browser.cookie(cookies.name(CookieKind.ACCESS_TOKEN)) != null
                || browser.cookie(cookies.name(CookieKind.REFRESH_TOKEN)) != null;
        if (sealed == null || !tokens) return new Ended(false, false, null, List.of(), null, null);
        Optional<String> csrf = cookies.open(CookieKind.CSRF, sealed);
        if (csrf.isEmpty()) return new Ended(false, false, null, cookies.clearSession(), null, null);
        return new Ended(false, true, csrf.get(), List.of(), null, null);
    }

    private static Ended failed(List<SetCookie> cookies, OAuthException failure) {
        return new Ended(true, false, null, cookies, null, failure);
    }

    /** The authorization server's error, passed on by its code (RFC 6749 §4.1.2.1); login_required is 401. */
    private static OAuthException authorizationError(String error) {
        if (error.equals("login_required")) {
            return new OAuthException(ErrorCode.LOGIN_REQUIRED, "The user must sign in").detail("authorization response: login_required");
        }
        String shown = ERROR_CODE.matcher(error).matches() ? error : "unknown";
        return new OAuthException(ErrorCode.AUTHORIZATION_ERROR, "The authorization request failed: " + shown)
                .detail("authorization response: " + shown);
    }

    private static OAuthException redemptionFailed(String detail) {
        return new OAuthException(ErrorCode.AUTHORIZATION_ERROR, "A request sent to the authorization server was rejected")
                .detail("code redemption failed: " + detail);
    }

    private static Optional<Map<String, Object>> json(String s) {
        try {
            Map<String, Object> m = JSONObjectUtils.parse(s);
            boolean complete = m.get("state") instanceof String && m.get("nonce") instanceof String
                    && m.get("codeVerifier") instanceof String;
            return complete ? Optional.of(m) : Optional.empty();
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    static Object claim(String jwt, String name) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet().getClaim(name);
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
