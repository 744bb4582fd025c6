package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A {@code state} longer than Tessera returns (2048 characters) is never echoed in a redirect: the
 * authorization and logout endpoints answer an error page for the user instead, so Tessera cannot be
 * made to send a client (or its logs and proxies) arbitrarily large values. Spec: RFC 6749 §4.1.2.1
 * (errors go to the client only when the request can be trusted); RP-Initiated Logout §3; CONTRACT §5.
 */
class Rfc6749Section4_1_2_1OversizedStateTest extends FlowSpecTest {
    private static final String AFTER = "https://app.example/signed-out";

    private static void assertErrorPage(Browser.Page page, String state) {
        page.expectStatus(400);
        assertThat(page.location()).isNull();
        assertThat(page.alert()).contains("state");
        assertThat(page.body()).doesNotContain(state.substring(0, 100));
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: a 10,000-character state (GET and POST /authorize) → 400 error page, never a redirect echoing it")
    void tenThousandCharacterState_isAnErrorPage() {
        String t = freshTenant("state");
        RegisteredClient c = publicClient(t);
        String huge = "S".repeat(10_000);
        assertErrorPage(browser().get(authRequest(t, c).set("state", huge).path()), huge);
        AuthRequest form = authRequest(t, c).set("state", huge);
        assertErrorPage(browser().postRaw("/t/" + t + "/authorize", form.path().substring(form.path().indexOf('?') + 1)), huge);
        // an error the request would be redirected with otherwise: still the page, the state never travels
        assertErrorPage(browser().get(authRequest(t, c).set("state", huge).set("scope", "openid bogus").path()), huge);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: the bound is 2048 characters: 2049 → error page, 2048 → returned with the code")
    void bound_is2048Characters() {
        String t = freshTenant("state");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        String over = "x".repeat(2049);
        assertErrorPage(browser().get(authRequest(t, c).set("state", over).path()), over);
        AuthRequest atBound = authRequest(t, c).set("state", "y".repeat(2048));
        codeOf(signIn(browser().get(atBound.path()), "alice", PASSWORD), atBound);   // codeOf checks the state came back
    }

    @Test
    @DisplayName("RP-Initiated Logout §3: an oversized state at the logout endpoint → 400 error page, no redirect, session kept")
    void oversizedStateAtLogout_isAnErrorPage() {
        String t = freshTenant("state");
        RegisteredClient c = publicClient(t, "\"post_logout_redirect_uris\":[\"" + AFTER + "\"]");
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c), "alice");
        String huge = "L".repeat(10_000);
        assertErrorPage(b.get("/t/" + t + "/logout?id_token_hint=" + tokens.idToken() + "&post_logout_redirect_uri="
                + enc(AFTER) + "&state=" + huge), huge);
        AuthRequest silent = authRequest(t, c).set("prompt", "none");
        codeOf(b.get(silent.path()), silent);                                       // still signed in
        assertThat(b.get("/t/" + t + "/logout?id_token_hint=" + tokens.idToken() + "&post_logout_redirect_uri="
                + enc(AFTER) + "&state=" + "k".repeat(2048)).redirectParams()).containsEntry("state", "k".repeat(2048));
    }
}
