package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The token handler's cookies: {@code -login}, {@code -at}, {@code -auth}, {@code -id}, {@code -csrf}, all
 * AES-256-GCM sealed (no token readable in them), {@code HttpOnly}, {@code SameSite=Strict}, {@code Secure}
 * unless the app is on plain-http loopback, with the app's Path and Domain; a tampered cookie, or one
 * moved to another name, app or tenant, is refused. Spec: CONTRACT §6.2; RFC 6265 §4.1.
 */
@Tag("contract6")
class TokenHandlerContract6_2CookieTest extends TokenHandlerSpecTest {

    @Test
    @DisplayName("CONTRACT §6.2: every cookie is HttpOnly, SameSite=Strict, Secure (https app), Path=/ by default, host-only")
    void cookieAttributes_httpsApp() {
        Setup s = setup("th-cookie");
        Spa spa = spa(s);
        String pageUrl = authorizeAndSignIn(browser(), loginStart(spa), "alice");
        Spa.Reply r = loginEnd(spa, pageUrl).expectStatus(200);
        for (String suffix : List.of("-at", "-auth", "-id", "-csrf", "-login")) {
            String sc = r.setCookie(PREFIX + suffix);
            assertThat(sc).as(suffix).isNotNull().contains("; HttpOnly").contains("; SameSite=Strict").contains("; Secure")
                    .contains("; Path=/;").doesNotContain("Domain=");
        }
        // lifetimes: the access token's (tenant default 300 s); the session's (refresh family maximum)
        assertThat(r.setCookie(PREFIX + "-at")).contains("; Max-Age=" + dev.tessera.tenant.TenantDefaults.ACCESS_TOKEN_TTL_SECONDS + ";");
        assertThat(r.setCookie(PREFIX + "-auth")).contains("; Max-Age=" + dev.tessera.tenant.TenantDefaults.REFRESH_TOKEN_MAX_TTL_SECONDS + ";");
    }

    @Test
    @DisplayName("CONTRACT §6.2: an app on plain-http loopback gets cookies without Secure; cookiePath and cookieDomain are applied")
    void cookieAttributes_loopbackApp() {
        String t = freshTenant("th-cookie");
        String origin = "http://127.0.0.1:5173";
        RegisteredClient c = register(t, "{\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"redirect_uris\":[\""
                + origin + "/cb\"],\"scope\":\"openid profile\"}");
        user(t, "alice");
        http.put("/admin/v1/tenants/" + t + "/token-handlers/local").bearer(adminToken()).json("{\"clientId\":\"" + c.clientId()
                + "\",\"webOrigins\":[\"" + origin + "\"],\"cookiePrefix\":\"local\",\"redirectUri\":\"" + origin
                + "/cb\",\"cookiePath\":\"/t/" + t + "/\",\"cookieDomain\":\"127.0.0.1\"}").send().expectStatus(201);
        Spa spa = new Spa(server.baseUrl + "/t/" + t + "/token-handler/local", "local", origin);
        Spa.Reply start = spa.send("POST", "/login/start", null, null).expectStatus(200);
        assertThat(start.setCookie("local-login")).doesNotContain("Secure").contains("; Path=/t/" + t + "/;")
                .contains("; Domain=127.0.0.1;").contains("HttpOnly").contains("SameSite=Strict");
        Browser.Page page = signIn(browser().get((String) start.json().get("authorizationRequestUrl")), "alice", PASSWORD);
        Spa.Reply end = loginEnd(spa, page.location()).expectStatus(200);
        assertThat(end.setCookie("local-at")).doesNotContain("Secure").contains("; Path=/t/" + t + "/;");
    }

    @Test
    @DisplayName("CONTRACT §6.2: cookie values are encrypted: none contains a token, the state, the CSRF token or readable JSON")
    void cookieValues_areEncrypted() {
        Setup s = setup("th-cookie");
        Spa spa = spa(s);
        String start = loginStart(spa);
        String state = Browser.query(java.net.URI.create(start).getRawQuery()).get("state");
        assertThat(decoded(spa.cookie("-login"))).doesNotContain(state).doesNotContain("codeVerifier");
        String csrf = (String) loginEnd(spa, authorizeAndSignIn(browser(), start, "alice")).expectStatus(200).json().get("csrf");
        Spa.Reply userinfo = spa.get("/userinfo").expectStatus(200);
        String sub = (String) userinfo.json().get("sub");
        for (String suffix : List.of("-at", "-auth", "-id", "-csrf")) {
            String value = spa.cookie(suffix);
            assertThat(value).as(suffix).matches("[A-Za-z0-9_-]+").doesNotContain(csrf).doesNotContain("eyJ");
            assertThat(decoded(value)).as(suffix).doesNotContain(sub).doesNotContain(csrf);
        }
        assertThat(spa.cookie("-at")).isNotEqualTo(spa.cookie("-auth"));
    }

    @Test
    @DisplayName("CONTRACT §6.2: a tampered or truncated cookie is refused (401 unauthorized_request)")
    void tamperedCookie_isRefused() {
        Setup s = setup("th-cookie");
        Spa spa = loggedIn(s);
        String at = spa.cookie("-at");
        char[] flipped = at.toCharArray();
        flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
        spa.setCookie("-at", new String(flipped));
        spa.get("/userinfo").expectError(401, "unauthorized_request");
        spa.setCookie("-at", at.substring(0, at.length() - 4));
        spa.get("/userinfo").expectError(401, "unauthorized_request");
        spa.setCookie("-at", "not-a-sealed-value");
        spa.get("/userinfo").expectError(401, "unauthorized_request");
        spa.setCookie("-at", at);
        spa.get("/userinfo").expectStatus(200);
        String id = spa.cookie("-id");
        spa.setCookie("-id", id.substring(0, 30) + (id.charAt(30) == 'x' ? 'y' : 'x') + id.substring(31));   // always a change
        spa.get("/claims").expectError(401, "unauthorized_request");
    }

    @Test
    @DisplayName("CONTRACT §6.2: a cookie moved to another name of the same app is refused (associated data names the cookie)")
    void cookieMovedToAnotherName_isRefused() {
        Setup s = setup("th-cookie");
        Spa spa = loggedIn(s);
        spa.setCookie("-at", spa.cookie("-id"));
        spa.get("/userinfo").expectError(401, "unauthorized_request");
        Spa csrfSwap = loggedIn(s);
        csrfSwap.setCookie("-csrf", csrfSwap.cookie("-at"));
        csrfSwap.send("POST", "/refresh", null, csrfSwap.csrf).expectError(401, "unauthorized_request");
    }

    @Test
    @DisplayName("CONTRACT §6.2: a cookie of another app of the same tenant, or of another tenant's app, is refused")
    void cookieMovedToAnotherAppOrTenant_isRefused() {
        Setup s = setup("th-cookie");
        RegisteredClient second = confidentialClient(s.tenant());
        putApp(s.tenant(), "admin-ui", appJson(second.clientId(), "adm")).expectStatus(201);
        Spa spa = loggedIn(s);
        Spa other = new Spa(server.baseUrl + "/t/" + s.tenant() + "/token-handler/admin-ui", "adm", ORIGIN);
        other.setCookie("-at", spa.cookie("-at"));
        other.get("/userinfo").expectError(401, "unauthorized_request");

        Setup elsewhere = setup("th-cookie");                      // same app id and prefix, another tenant
        Spa foreign = spa(elsewhere);
        foreign.setCookie("-at", spa.cookie("-at"));
        foreign.setCookie("-id", spa.cookie("-id"));
        foreign.get("/userinfo").expectError(401, "unauthorized_request");
        foreign.get("/claims").expectError(401, "unauthorized_request");
    }

    @Test
    @DisplayName("CONTRACT §6.2: on a page load, session cookies that no longer open → isLoggedIn=false and the cookies are cleared")
    void pageLoad_withUnopenableCookies_clearsThem() {
        Setup s = setup("th-cookie");
        Spa spa = loggedIn(s);
        String csrf = spa.cookie("-csrf");
        spa.setCookie("-csrf", csrf.substring(0, csrf.length() - 2));
        Spa.Reply r = loginEnd(spa, ORIGIN + "/").expectStatus(200);
        assertThat(r.json()).isEqualTo(java.util.Map.of("handled", false, "isLoggedIn", false));
        assertThat(r.setCookie(PREFIX + "-at")).contains("Max-Age=0");
        assertThat(spa.jar).isEmpty();
    }

    @Test
    @DisplayName("CONTRACT §6.2: the login cookie lives minutes: after 10 minutes login/end refuses it")
    void loginCookie_expires() {
        Setup s = setup("th-cookie");
        Spa spa = spa(s);
        String pageUrl = authorizeAndSignIn(browser(), loginStart(spa), "alice");
        server.clock.advance(java.time.Duration.ofMinutes(11));
        try {
            loginEnd(spa, pageUrl).expectError(401, "unauthorized_request");
        } finally {
            server.clock.advance(java.time.Duration.ofMinutes(-11));
        }
    }

    private static String decoded(String cookie) {
        return new String(Base64.getUrlDecoder().decode(cookie), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
