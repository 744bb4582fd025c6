package dev.tessera.spec.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RP-initiated logout at the end_session_endpoint: id_token_hint, registered post_logout_redirect_uris,
 * state, a CSRF-protected confirmation when the request does not prove who asks, and the session's end.
 * Spec: OIDC RP-Initiated Logout 1.0 §2, §3, §4; CONTRACT §4.
 */
@Tag("oidc")
class OidcRpInitiatedLogoutTest extends FlowSpecTest {
    private static final String AFTER = "https://app.example/signed-out";

    private RegisteredClient client(String t) {
        return publicClient(t, "\"post_logout_redirect_uris\":[\"" + AFTER + "\"]");
    }

    private static String logout(String t, String... nameValues) {
        StringBuilder b = new StringBuilder("/t/" + t + "/logout");
        for (int i = 0; i < nameValues.length; i += 2) {
            b.append(i == 0 ? '?' : '&').append(enc(nameValues[i])).append('=').append(enc(nameValues[i + 1]));
        }
        return b.toString();
    }

    private void assertSignedOut(Browser b, String t, RegisteredClient c) {
        Browser.Page page = b.get(authRequest(t, c).path()).expectStatus(200);
        assertThat(page.form().fields).as("the sign-in form").containsKey("password");
    }

    private void assertSignedIn(Browser b, String t, RegisteredClient c) {
        AuthRequest req = authRequest(t, c);
        codeOf(b.get(req.path()), req);
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: id_token_hint + registered post_logout_redirect_uri + state → 302 there with state")
    void hintAndRegisteredRedirect_redirectsWithState() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        var alice = user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c), "alice");
        Browser.Page page = b.get(logout(t, "id_token_hint", tokens.idToken(), "post_logout_redirect_uri", AFTER,
                "state", "bye 1&2")).expectStatus(302);
        assertThat(page.location()).startsWith(AFTER + "?");
        assertThat(page.redirectParams()).containsEntry("state", "bye 1&2");
        assertSignedOut(b, t, c);
        assertThat(events(t, "logout")).singleElement().satisfies(e -> assertThat(e).containsEntry("subject", alice.value()));
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: the session cookie is cleared on logout")
    void logout_clearsCookie() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c), "alice");
        String stolen = b.cookie("tessera_session").value();
        Browser.Page page = b.get(logout(t, "id_token_hint", tokens.idToken(), "post_logout_redirect_uri", AFTER));
        assertThat(page.headers("Set-Cookie")).anySatisfy(s -> assertThat(s).startsWith("tessera_session=;").contains("Max-Age=0"));
        Browser replay = browser();
        replay.setCookie("tessera_session", stolen, "/t/" + t + "/");
        assertSignedOut(replay, t, c);                       // the old cookie value is dead on the server too
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: an unregistered post_logout_redirect_uri → 400, no redirect, session kept")
    void unregisteredRedirect_is400() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c), "alice");
        Browser.Page page = b.get(logout(t, "id_token_hint", tokens.idToken(), "post_logout_redirect_uri",
                "https://evil.example/after"));
        page.expectStatus(400);
        assertThat(page.location()).isNull();
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertSignedIn(b, t, c);
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: post_logout_redirect_uri with neither id_token_hint nor client_id → 400")
    void redirectWithoutClient_is400() {
        String t = freshTenant("logout");
        client(t);
        Browser.Page page = browser().get(logout(t, "post_logout_redirect_uri", AFTER));
        page.expectStatus(400);
        assertThat(page.location()).isNull();
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: a client_id that contradicts id_token_hint → 400")
    void clientIdContradictingHint_is400() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        RegisteredClient other = client(t);
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c), "alice");
        b.get(logout(t, "id_token_hint", tokens.idToken(), "client_id", other.clientId())).expectStatus(400);
        assertSignedIn(b, t, c);
    }

    @Test
    @DisplayName("RP-Initiated Logout §4: an id_token_hint not signed by the tenant → 400, session kept")
    void forgedHint_is400() throws Exception {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c), "alice");
        SignedJWT real = SignedJWT.parse(tokens.idToken());
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(attacker.getKeyID()).build(),
                real.getJWTClaimsSet());
        forged.sign(new ECDSASigner(attacker));
        b.get(logout(t, "id_token_hint", forged.serialize(), "post_logout_redirect_uri", AFTER)).expectStatus(400);
        b.get(logout(t, "id_token_hint", "not.a.jwt", "post_logout_redirect_uri", AFTER)).expectStatus(400);
        assertSignedIn(b, t, c);
    }

    @Test
    @DisplayName("CONTRACT §2: an ID token of another tenant is no valid hint")
    void hintOfOtherTenant_is400() {
        String t = freshTenant("logout");
        String other = freshTenant("logout");
        RegisteredClient c = client(t);
        RegisteredClient co = client(other);
        user(t, "alice");
        user(other, "alice");
        Tokens foreign = tokens(browser(), authRequest(other, co), "alice");
        Browser b = browser();
        tokens(b, authRequest(t, c), "alice");
        b.get(logout(t, "id_token_hint", foreign.idToken())).expectStatus(400);
        assertSignedIn(b, t, c);
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: an expired ID token is still a valid hint")
    void expiredHint_isAccepted() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c), "alice");
        server.clock.advance(java.time.Duration.ofMinutes(20));
        b.get(logout(t, "id_token_hint", tokens.idToken(), "post_logout_redirect_uri", AFTER)).expectStatus(302);
        assertSignedOut(b, t, c);
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: without a hint the user confirms on a page (\"Sign out\"), protected by CSRF")
    void withoutHint_asksForConfirmation() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        user(t, "alice");
        Browser b = browser();
        tokens(b, authRequest(t, c), "alice");
        Browser.Page page = b.get(logout(t)).expectStatus(200);
        Browser.Form f = page.form();
        assertThat(f.buttons).extracting(Browser.Button::label).contains("Sign out");
        assertThat(f.fields).containsKey("csrf");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertSignedIn(b, t, c);                                           // showing the page ends nothing
        String csrf = f.fields.get("csrf");
        f.remove("csrf").submit("Sign out");
        assertSignedIn(b, t, c);                                           // no csrf: nothing ends
        f.set("csrf", "C".repeat(43)).submit("Sign out");
        assertSignedIn(b, t, c);                                           // wrong csrf: nothing ends
        Browser.Page done = f.set("csrf", csrf).submit("Sign out").expectStatus(200);
        assertThat(done.body()).contains("signed out");
        assertSignedOut(b, t, c);
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: client_id + registered redirect without hint → confirmation, then 302 with state")
    void clientIdWithoutHint_confirmsThenRedirects() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        user(t, "alice");
        Browser b = browser();
        tokens(b, authRequest(t, c), "alice");
        Browser.Page page = b.get(logout(t, "client_id", c.clientId(), "post_logout_redirect_uri", AFTER, "state", "s1"))
                .expectStatus(200);
        assertThat(page.header("Content-Security-Policy")).containsPattern("form-action 'self'[^;]* https://app\\.example");
        Browser.Page done = page.form().submit("Sign out").expectStatus(302);
        assertThat(done.location()).startsWith(AFTER);
        assertThat(done.redirectParams()).containsEntry("state", "s1");
        assertSignedOut(b, t, c);
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: a hint for another user than the signed-in one asks for confirmation")
    void hintOfOtherUser_asksForConfirmation() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        user(t, "alice");
        user(t, "bob");
        Tokens bobs = tokens(browser(), authRequest(t, c), "bob");
        Browser b = browser();
        tokens(b, authRequest(t, c), "alice");
        b.get(logout(t, "id_token_hint", bobs.idToken(), "post_logout_redirect_uri", AFTER)).expectStatus(200).form();
        assertSignedIn(b, t, c);
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: without a session, a valid hint and redirect still redirect (idempotent)")
    void withoutSession_stillRedirects() {
        String t = freshTenant("logout");
        RegisteredClient c = client(t);
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c), "alice");
        Map<String, String> p = browser().get(logout(t, "id_token_hint", tokens.idToken(), "post_logout_redirect_uri", AFTER,
                "state", "x")).redirectParams();
        assertThat(p).containsEntry("state", "x");
    }

    @Test
    @DisplayName("CONTRACT §5: repeated logout parameters → 400, never 5xx")
    void repeatedParameters_are400() {
        String t = freshTenant("logout");
        client(t);
        Browser.Page page = browser().get("/t/" + t + "/logout?state=a&state=b");
        page.expectStatus(400);
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: id_token_hint must be an ID token: a signed userinfo answer or a JWT access token → 400, session kept")
    void otherSignedJwtAsHint_is400() {
        String t = freshTenant("logout");
        RegisteredClient c = publicClient(t, "\"post_logout_redirect_uris\":[\"" + AFTER + "\"]",
                "\"userinfo_signed_response_alg\":\"RS256\"", "\"access_token_format\":\"jwt\"");
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c), "alice");
        String signedUserInfo = http.get("/t/" + t + "/userinfo").bearer(tokens.accessToken()).send().expectStatus(200).body();
        for (String notAnIdToken : List.of(signedUserInfo, tokens.accessToken())) {
            Browser.Page page = b.get(logout(t, "id_token_hint", notAnIdToken, "post_logout_redirect_uri", AFTER));
            page.expectStatus(400);
            assertThat(page.location()).isNull();
        }
        assertSignedIn(b, t, c);
    }
}
