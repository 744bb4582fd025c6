package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The OAuth agent on a session: {@code GET /userinfo}, {@code GET /claims}, {@code POST /refresh} → 204
 * (cookies rewritten; 401 session_expired and cleared on failure), {@code POST /logout} → 200
 * {@code {"endSessionRequestUrl"}} (cookies cleared, refresh token revoked).
 * Spec: CONTRACT §6.2; OIDC Core §5.3; RFC 6749 §6; RFC 7009; OIDC RP-Initiated Logout 1.0 §2.
 */
@Tag("contract6")
class TokenHandlerContract6_2SessionTest extends TokenHandlerSpecTest {

    @Test
    @DisplayName("CONTRACT §6.2: GET /userinfo → the user's claims (OIDC Core §5.3) from the access-token cookie")
    void userInfo_returnsTheUsersClaims() {
        Setup s = setup("th-session");
        var bob = user(s.tenant(), "bob", Map.of("name", Map.of("givenName", "Bob", "familyName", "Jensen"),
                "emails", java.util.List.of(Map.of("value", "bob@example.com", "primary", true))));
        Spa spa = spa(s);
        login(spa, browser(), "bob");
        Spa.Reply r = spa.get("/userinfo").expectStatus(200);
        assertThat(r.json()).containsEntry("sub", bob.value()).containsEntry("given_name", "Bob")
                .containsEntry("email", "bob@example.com").containsEntry("preferred_username", "bob");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(spa.get("/userInfo").expectStatus(200).json()).containsEntry("sub", bob.value());
    }

    @Test
    @DisplayName("CONTRACT §6.2: GET /claims → the ID token's claims (iss, aud, sub, nonce, auth_time)")
    void claims_returnsTheIdTokensClaims() {
        Setup s = setup("th-session");
        Spa spa = loggedIn(s);
        Map<String, Object> claims = spa.get("/claims").expectStatus(200).json();
        assertThat(claims).containsEntry("iss", server.issuer(s.tenant())).containsEntry("aud", s.client().clientId())
                .containsKeys("sub", "nonce", "auth_time", "exp", "iat");
    }

    @Test
    @DisplayName("CONTRACT §6.2: without session cookies userinfo and claims → 401 session_expired; no access-token cookie but a refresh cookie → 401 token_expired")
    void noSession_isExpired() {
        Setup s = setup("th-session");
        Spa spa = spa(s);
        spa.get("/userinfo").expectError(401, "session_expired");
        spa.get("/claims").expectError(401, "session_expired");
        Spa in = loggedIn(s);
        in.jar.remove(PREFIX + "-at");                      // the browser dropped it at its Max-Age
        in.get("/userinfo").expectError(401, "token_expired");
    }

    @Test
    @DisplayName("CONTRACT §6.2: an access token past its lifetime → userinfo 401 token_expired; refresh → 204 and userinfo works again")
    void expiredAccessToken_refreshes() {
        Setup s = setup("th-session");
        Spa spa = loggedIn(s);
        String oldAt = spa.cookie("-at");
        String oldAuth = spa.cookie("-auth");
        server.clock.advance(Duration.ofSeconds(290));
        Spa.Reply refreshed = spa.send("POST", "/refresh", null, spa.csrf).expectStatus(204);
        assertThat(refreshed.raw.body()).isEmpty();
        assertThat(spa.cookie("-at")).isNotEqualTo(oldAt);
        assertThat(spa.cookie("-auth")).as("the rotated refresh token").isNotEqualTo(oldAuth);
        assertThat(refreshed.setCookie(PREFIX + "-id")).isNotNull();
        server.clock.advance(Duration.ofSeconds(20));        // the first access token has expired, the new one not
        spa.get("/userinfo").expectStatus(200);
        Spa stale = spa(s);
        stale.setCookie("-at", oldAt);
        stale.get("/userinfo").expectError(401, "token_expired");
        assertThat(events(s.tenant(), "token_handler.refreshed")).singleElement()
                .satisfies(e -> assertThat(details(e)).containsEntry("grant_type", "refresh_token"));
    }

    @Test
    @DisplayName("CONTRACT §6.2: a refresh that fails (rotated refresh token replayed) → 401 session_expired and every session cookie cleared")
    void failedRefresh_clearsTheCookies() {
        Setup s = setup("th-session");
        Spa spa = loggedIn(s);
        String oldAuth = spa.cookie("-auth");
        spa.send("POST", "/refresh", null, spa.csrf).expectStatus(204);
        spa.setCookie("-auth", oldAuth);                    // RFC 9700 §4.14.2: reuse revokes the family
        Spa.Reply r = spa.send("POST", "/refresh", null, spa.csrf).expectError(401, "session_expired");
        for (String suffix : new String[] {"-at", "-auth", "-id", "-csrf"}) {
            assertThat(r.setCookie(PREFIX + suffix)).as(suffix).contains("Max-Age=0");
        }
        assertThat(spa.jar).isEmpty();
        assertThat(events(s.tenant(), "refresh_token.reuse_detected")).as("RFC 9700 §4.14.2: raised as a security alert")
                .isNotEmpty();
    }

    @Test
    @DisplayName("CONTRACT §6.2: refresh without a refresh cookie → 401 session_expired")
    void refreshWithoutCookie_isExpired() {
        Setup s = setup("th-session");
        Spa spa = loggedIn(s);
        spa.jar.remove(PREFIX + "-auth");
        spa.send("POST", "/refresh", null, spa.csrf).expectError(401, "session_expired");
    }

    @Test
    @DisplayName("CONTRACT §6.2: logout → 200 endSessionRequestUrl (client_id, id_token_hint, post_logout_redirect_uri); cookies cleared; refresh token and its access tokens revoked")
    void logout_endsTheSession() {
        Setup s = setup("th-session");
        Browser b = browser();
        Spa spa = spa(s);
        login(spa, b, "alice");
        Spa copy = spa(s);
        copy.jar.putAll(spa.jar);
        copy.csrf = spa.csrf;
        Spa.Reply r = spa.send("POST", "/logout", null, spa.csrf).expectStatus(200);
        String url = (String) r.json().get("endSessionRequestUrl");
        assertThat(url).startsWith(server.issuer(s.tenant()) + "/logout?");
        Map<String, String> p = Browser.query(URI.create(url).getRawQuery());
        assertThat(p).containsEntry("client_id", s.client().clientId()).containsEntry("post_logout_redirect_uri", ORIGIN + "/bye")
                .containsKey("id_token_hint");
        assertThat(spa.jar).isEmpty();
        copy.get("/userinfo").expectError(401, "token_expired");             // the grant's access token is revoked too
        copy.send("POST", "/refresh", null, copy.csrf).expectError(401, "session_expired");
        // following the URL ends the sign-in session at Tessera (RP-initiated logout with a matching hint)
        Browser.Page page = b.get(url).expectStatus(302);
        assertThat(page.location()).startsWith(ORIGIN + "/bye");
        assertThat(events(s.tenant(), "token_handler.logged_out")).singleElement()
                .satisfies(e -> assertThat(details(e)).containsEntry("revoked", "true"));
        assertThat(events(s.tenant(), "logout")).hasSize(1);
    }

    @Test
    @DisplayName("CONTRACT §6.2: login/end after logout reports isLoggedIn=false")
    void afterLogout_notLoggedIn() {
        Setup s = setup("th-session");
        Spa spa = loggedIn(s);
        spa.send("POST", "/logout", null, spa.csrf).expectStatus(200);
        assertThat(loginEnd(spa, ORIGIN + "/").expectStatus(200).json()).isEqualTo(Map.of("handled", false, "isLoggedIn", false));
    }

    @Test
    @DisplayName("CONTRACT §6.2: a client without refresh_token: no -auth cookie; userinfo, claims and logout still work")
    void clientWithoutRefresh() {
        String t = freshTenant("th-session");
        RegisteredClient c = register(t, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\"" + REDIRECT
                + "\"],\"scope\":\"openid\"}");
        user(t, "alice");
        http.put("/admin/v1/tenants/" + t + "/token-handlers/" + APP).bearer(adminToken())
                .json("{\"clientId\":\"" + c.clientId() + "\",\"webOrigins\":[\"" + ORIGIN + "\"],\"cookiePrefix\":\"" + PREFIX
                        + "\",\"redirectUri\":\"" + REDIRECT + "\"}").send().expectStatus(201);
        Spa spa = spa(new Setup(t, c, APP, PREFIX));
        login(spa, browser(), "alice");
        assertThat(spa.cookie("-auth")).isNull();
        spa.get("/userinfo").expectStatus(200);
        spa.get("/claims").expectStatus(200);
        spa.send("POST", "/refresh", null, spa.csrf).expectError(401, "session_expired");
        login(spa, browser(), "alice");
        spa.send("POST", "/logout", null, spa.csrf).expectStatus(200);
    }
}
