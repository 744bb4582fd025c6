package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.testing.Browser;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How the user is engaged: prompt (none, login), max_age, login_hint, ui_locales.
 * Spec: OIDC Core §3.1.2.1, §3.1.2.3, §3.1.2.6 (login_required), §2 (auth_time).
 */
@Tag("oidc")
class OidcCore3_1_2_1PromptMaxAgeTest extends FlowSpecTest {

    @Test
    @DisplayName("OIDC Core §3.1.2.6: prompt=none without a session → login_required redirect with state and iss")
    void promptNone_withoutSession_isLoginRequired() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("prompt", "none");
        errorOf(browser().get(req.path()), req, "login_required");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: prompt=none with a session → a code without any page")
    void promptNone_withSession_issuesCode() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        AuthRequest silent = authRequest(t, c).set("prompt", "none");
        codeOf(b.get(silent.path()), silent);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: prompt=login forces the sign-in page despite a session, and auth_time is the new sign-in")
    void promptLogin_forcesSignIn() throws Exception {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        server.clock.advance(Duration.ofSeconds(100));
        AuthRequest again = authRequest(t, c).set("prompt", "login");
        Browser.Page page = b.get(again.path()).expectStatus(200);
        assertThat(page.form().fields).containsKey("password");
        String code = codeOf(signIn(page, "alice", PASSWORD), again);
        String idToken = redeem(again, code).expectStatus(200).string("id_token");
        assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getDateClaim("auth_time").toInstant().getEpochSecond())
                .isEqualTo(server.clock.instant().getEpochSecond());
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: prompt=none combined with another value → invalid_request")
    void promptNoneCombined_isInvalidRequest() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("prompt", "none login");
        errorOf(browser().get(req.path()), req, "invalid_request");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: an unknown prompt value → invalid_request")
    void unknownPrompt_isInvalidRequest() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("prompt", "create_everything");
        errorOf(browser().get(req.path()), req, "invalid_request");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: max_age exceeded (clock moved past it) forces sign-in")
    void maxAgeExceeded_forcesSignIn() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        server.clock.advance(Duration.ofSeconds(120));
        AuthRequest within = authRequest(t, c).set("max_age", "600");
        codeOf(b.get(within.path()), within);
        AuthRequest exceeded = authRequest(t, c).set("max_age", "60");
        Browser.Page page = b.get(exceeded.path()).expectStatus(200);
        codeOf(signIn(page, "alice", PASSWORD), exceeded);
        AuthRequest afterFresh = authRequest(t, c).set("max_age", "60");
        codeOf(b.get(afterFresh.path()), afterFresh);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: max_age=0 means sign in again, like prompt=login")
    void maxAgeZero_forcesSignIn() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        AuthRequest zero = authRequest(t, c).set("max_age", "0");
        Browser.Page page = b.get(zero.path()).expectStatus(200);
        codeOf(signIn(page, "alice", PASSWORD), zero);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.6: prompt=none with max_age exceeded → login_required")
    void promptNoneMaxAgeExceeded_isLoginRequired() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        server.clock.advance(Duration.ofSeconds(120));
        AuthRequest req = authRequest(t, c).set("prompt", "none").set("max_age", "60");
        errorOf(b.get(req.path()), req, "login_required");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: a malformed max_age → invalid_request")
    void malformedMaxAge_isInvalidRequest() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        for (String v : new String[] {"-1", "abc", "1e3", "99999999999999999999"}) {
            AuthRequest req = authRequest(t, c).set("max_age", v);
            errorOf(browser().get(req.path()), req, "invalid_request");
        }
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: login_hint prefills the username field (HTML-escaped)")
    void loginHint_prefillsUsername() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        Browser.Page page = browser().get(authRequest(t, c).set("login_hint", "alice@example.com").path()).expectStatus(200);
        assertThat(page.form().fields).containsEntry("username", "alice@example.com");
        String evil = "\"><script>alert(1)</script>";
        Browser.Page escaped = browser().get(authRequest(t, c).set("login_hint", evil).path()).expectStatus(200);
        assertThat(escaped.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(escaped.form().fields).containsEntry("username", evil);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: ui_locales, display, acr_values and claims_locales are tolerated")
    void optionalParameters_areTolerated() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("ui_locales", "de fr").set("display", "page").set("claims_locales", "de")
                .set("acr_values", "urn:example:loa");
        codeOf(signIn(browser().get(req.path()), "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: prompt=login for a signed-in user still lets the sign-in complete with a fresh session")
    void promptLogin_replacesSession() {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        String first = b.cookie("tessera_session").value();
        AuthRequest again = authRequest(t, c).set("prompt", "login");
        codeOf(signIn(b.get(again.path()), "alice", PASSWORD), again);
        assertThat(b.cookie("tessera_session").value()).isNotEqualTo(first);
    }

    private com.nimbusds.jwt.JWTClaimsSet idTokenClaims(AuthRequest req, String code) throws Exception {
        return SignedJWT.parse(redeem(req, code).expectStatus(200).string("id_token")).getJWTClaimsSet();
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: after prompt=login the same user's session is superseded: same sid, new auth_time, "
            + "and the old cookie no longer answers prompt=none")
    void promptLogin_sameUser_supersedesOldCookie() throws Exception {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest first = authRequest(t, c);
        var before = idTokenClaims(first, authorize(b, first, "alice"));
        String oldCookie = b.cookie("tessera_session").value();
        server.clock.advance(Duration.ofSeconds(100));
        AuthRequest again = authRequest(t, c).set("prompt", "login");
        var after = idTokenClaims(again, codeOf(signIn(b.get(again.path()), "alice", PASSWORD), again));
        assertThat(after.getStringClaim("sid")).isEqualTo(before.getStringClaim("sid"));
        assertThat(after.getDateClaim("auth_time").toInstant().getEpochSecond())
                .isEqualTo(before.getDateClaim("auth_time").toInstant().getEpochSecond() + 100);

        Browser stale = browser();
        stale.setCookie("tessera_session", oldCookie, "/t/" + t + "/");
        AuthRequest silent = authRequest(t, c).set("prompt", "none");
        errorOf(stale.get(silent.path()), silent, "login_required");
        AuthRequest silentNew = authRequest(t, c).set("prompt", "none");
        var current = idTokenClaims(silentNew, codeOf(b.get(silentNew.path()), silentNew));   // the new cookie answers
        assertThat(current.getDateClaim("auth_time")).isEqualTo(after.getDateClaim("auth_time"));
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: prompt=login completed by another user ends the old session (new sid); "
            + "the old cookie no longer answers prompt=none")
    void promptLogin_otherUser_endsOldSession() throws Exception {
        String t = freshTenant("prompt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        user(t, "bob");
        Browser b = browser();
        AuthRequest first = authRequest(t, c);
        var alices = idTokenClaims(first, authorize(b, first, "alice"));
        String oldCookie = b.cookie("tessera_session").value();
        AuthRequest again = authRequest(t, c).set("prompt", "login");
        var bobs = idTokenClaims(again, codeOf(signIn(b.get(again.path()), "bob", PASSWORD), again));
        assertThat(bobs.getStringClaim("sid")).isNotEqualTo(alices.getStringClaim("sid"));
        assertThat(bobs.getSubject()).isNotEqualTo(alices.getSubject());

        Browser stale = browser();
        stale.setCookie("tessera_session", oldCookie, "/t/" + t + "/");
        AuthRequest silent = authRequest(t, c).set("prompt", "none");
        errorOf(stale.get(silent.path()), silent, "login_required");
        AuthRequest silentBob = authRequest(t, c).set("prompt", "none");
        assertThat(idTokenClaims(silentBob, codeOf(b.get(silentBob.path()), silentBob)).getSubject()).isEqualTo(bobs.getSubject());
    }
}
