package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The OAuth agent's login: {@code POST /login/start} → {@code {"authorizationRequestUrl"}} (code flow,
 * PKCE S256, state, nonce, the app's client, redirect URI and scope, extraParams); {@code POST /login/end}
 * with {@code {"pageUrl"}} → {@code {"handled", "isLoggedIn", "csrf"}}, the code redeemed in process.
 * Spec: CONTRACT §6.2; RFC 6749 §4.1; RFC 7636; OIDC Core §3.1.2.1.
 */
@Tag("contract6")
class TokenHandlerContract6_2LoginTest extends TokenHandlerSpecTest {

    @Test
    @DisplayName("CONTRACT §6.2: login/start → authorization request URL with code, PKCE S256, state, nonce, client, redirect URI, scope")
    void loginStart_buildsTheAuthorizationRequest() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        Spa.Reply r = spa.send("POST", "/login/start", null, null).expectStatus(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        String url = (String) r.json().get("authorizationRequestUrl");
        assertThat(url).startsWith(server.issuer(s.tenant()) + "/authorize?");
        Map<String, String> p = Browser.query(URI.create(url).getRawQuery());
        assertThat(p).containsEntry("response_type", "code").containsEntry("client_id", s.client().clientId())
                .containsEntry("redirect_uri", REDIRECT).containsEntry("scope", "openid profile email offline_access")
                .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
        assertThat(p.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(p.get("nonce")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(spa.cookie("-login")).as("the login cookie").isNotNull()
                .doesNotContain(p.get("state")).doesNotContain(p.get("nonce"));
        assertThat(r.setCookie(PREFIX + "-login")).contains("Max-Age=600").contains("HttpOnly").contains("SameSite=Strict");
    }

    @Test
    @DisplayName("CONTRACT §6.2: login/start accepts extraParams and appends them; parameters the agent sets are refused")
    void loginStart_extraParams() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        String url = (String) spa.send("POST", "/login/start", "{\"extraParams\":[{\"key\":\"prompt\",\"value\":\"login\"},"
                + "{\"key\":\"ui_locales\",\"value\":\"fr en\"}]}", null).expectStatus(200).json().get("authorizationRequestUrl");
        assertThat(Browser.query(URI.create(url).getRawQuery())).containsEntry("prompt", "login").containsEntry("ui_locales", "fr en");
        spa.send("POST", "/login/start", "{\"extraParams\":[{\"key\":\"redirect_uri\",\"value\":\"https://evil.example/\"}]}", null)
                .expectError(400, "invalid_request");
        spa.send("POST", "/login/start", "{\"extraParams\":[{\"key\":\"state\",\"value\":\"mine\"}]}", null)
                .expectError(400, "invalid_request");
        spa.send("POST", "/login/start", "{}", null).expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §6.2: start → sign in → login/end redeems the code in process: handled, isLoggedIn, csrf and session cookies")
    void fullLogin_setsTheSessionCookies() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        String pageUrl = authorizeAndSignIn(browser(), loginStart(spa), "alice");
        Spa.Reply r = loginEnd(spa, pageUrl).expectStatus(200);
        assertThat(r.json()).containsEntry("handled", true).containsEntry("isLoggedIn", true).containsKey("csrf");
        assertThat((String) r.json().get("csrf")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(spa.jar).containsOnlyKeys(PREFIX + "-at", PREFIX + "-auth", PREFIX + "-id", PREFIX + "-csrf");
        assertThat(r.setCookie(PREFIX + "-login")).as("the login cookie is cleared").contains("Max-Age=0");
        assertThat(events(s.tenant(), "token_handler.login_ended")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("clientId", s.client().clientId()).containsKey("subject");
            assertThat(details(e)).containsEntry("app", APP).containsEntry("grant_type", "authorization_code")
                    .containsEntry("refresh_token", "issued").containsEntry("id_token", "issued");
        });
    }

    @Test
    @DisplayName("CONTRACT §6.2: on any other page load login/end answers handled=false with the login state and the same csrf")
    void pageLoad_reportsTheSession() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        assertThat(loginEnd(spa, ORIGIN + "/").json()).isEqualTo(Map.of("handled", false, "isLoggedIn", false));
        String csrf = (String) login(spa, browser(), "alice").json().get("csrf");
        assertThat(loginEnd(spa, ORIGIN + "/orders?page=2").expectStatus(200).json())
                .isEqualTo(Map.of("handled", false, "isLoggedIn", true, "csrf", csrf));
        assertThat(spa.send("POST", "/login/end", null, null).expectStatus(200).json())
                .containsEntry("handled", false).containsEntry("isLoggedIn", true);
    }

    @Test
    @DisplayName("CONTRACT §6.2: a state that does not match the login cookie → 400 invalid_request, no session cookies")
    void stateMismatch_isRefused() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        String pageUrl = authorizeAndSignIn(browser(), loginStart(spa), "alice");
        String forged = pageUrl.replaceAll("state=[^&]+", "state=forged");
        loginEnd(spa, forged).expectError(400, "invalid_request");
        assertThat(spa.cookie("-at")).isNull();
        assertThat(spa.cookie("-login")).as("the real login can still end").isNotNull();
        loginEnd(spa, pageUrl).expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §6.2: a code without a login cookie (another browser's login) → 400 invalid_request")
    void noLoginCookie_isRefused() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        String pageUrl = authorizeAndSignIn(browser(), loginStart(spa), "alice");
        Spa other = spa(s);
        loginEnd(other, pageUrl).expectError(400, "invalid_request");
        assertThat(other.jar).isEmpty();
    }

    @Test
    @DisplayName("CONTRACT §6.2: a code redeemed twice → 400 authorization_error (RFC 6749 §4.1.2: one-time codes)")
    void codeReplay_isRefused() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        String start = loginStart(spa);
        String login = spa.cookie("-login");
        String pageUrl = authorizeAndSignIn(browser(), start, "alice");
        loginEnd(spa, pageUrl).expectStatus(200);
        Spa replay = spa(s);
        replay.setCookie("-login", login);
        loginEnd(replay, pageUrl).expectError(400, "authorization_error");
        assertThat(replay.cookie("-at")).isNull();
        assertThat(events(s.tenant(), "authorization_code.replayed")).as("raised as a security alert").isNotEmpty();
    }

    @Test
    @DisplayName("CONTRACT §6.2: an error response in pageUrl → 400 with the error's code; login_required → 401")
    void errorResponse_isPassedOn() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        String state = Browser.query(URI.create(loginStart(spa)).getRawQuery()).get("state");
        String iss = "&iss=" + java.net.URLEncoder.encode(server.issuer(s.tenant()), java.nio.charset.StandardCharsets.UTF_8);
        loginEnd(spa, REDIRECT + "?error=access_denied&state=" + state + iss).expectError(400, "authorization_error");
        assertThat(spa.cookie("-login")).as("a spent login cookie is cleared").isNull();
        state = Browser.query(URI.create(loginStart(spa)).getRawQuery()).get("state");
        loginEnd(spa, REDIRECT + "?error=login_required&state=" + state + iss).expectError(401, "login_required");
    }

    @Test
    @DisplayName("RFC 9207 §2.4: an authorization response without iss (or with another issuer's) is refused; discovery advertises iss")
    void responseWithoutIss_isRefused() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        String state = Browser.query(URI.create(loginStart(spa)).getRawQuery()).get("state");
        loginEnd(spa, REDIRECT + "?code=abc&state=" + state).expectError(400, "invalid_request");
        assertThat(spa.cookie("-at")).isNull();
        state = Browser.query(URI.create(loginStart(spa)).getRawQuery()).get("state");
        loginEnd(spa, REDIRECT + "?code=abc&state=" + state + "&iss=https%3A%2F%2Fevil.example").expectError(400, "invalid_request");
    }

    @Test
    @DisplayName("CONTRACT §6.2: the code verifier never leaves the server: the challenge in the URL matches only the sealed verifier")
    void pkce_verifierStaysInTheCookie() {
        Setup s = setup("th-login");
        Spa spa = spa(s);
        String url = loginStart(spa);
        assertThat(url).doesNotContain("code_verifier");
        // a code redeemed without the verifier fails (RFC 7636 §4.6), so only the agent can redeem it
        String pageUrl = authorizeAndSignIn(browser(), url, "alice");
        String code = Browser.query(URI.create(pageUrl).getRawQuery()).get("code");
        tokenRequest(s.tenant(), s.client(), "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT)
                .expectStatus(400).expectError("invalid_grant");
    }
}
