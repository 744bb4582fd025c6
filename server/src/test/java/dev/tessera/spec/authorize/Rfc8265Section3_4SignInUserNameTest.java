package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 8265 §3.4 at sign-in: the typed username is compared by its UsernameCaseMapped key, so the
 * fullwidth or upper-case form of a userName signs in as that user (one account, not a look-alike),
 * and a form with an added space does not.
 */
@Tag("rfc8265")
class Rfc8265Section3_4SignInUserNameTest extends FlowSpecTest {

    @Test
    @DisplayName("RFC 8265 §3.4: ＤＥＭＯ and ｄｅｍｏ sign in as the user demo")
    void widthAndCaseVariants_signInAsTheUser() {
        String t = freshTenant("rfc8265");
        RegisteredClient c = publicClient(t);
        user(t, "demo");
        for (String typed : new String[] {"ＤＥＭＯ", "ｄｅｍｏ", "Demo"}) {
            AuthRequest req = authRequest(t, c);
            Browser b = browser();
            assertThat(codeOf(signIn(b.get(req.path()), typed, PASSWORD), req)).as(typed).isNotBlank();
        }
    }

    @Test
    @DisplayName("RFC 8265 §3.3: \"demo \" is not the user demo: the usual error, no session")
    void trailingSpace_isNotTheUser() {
        String t = freshTenant("rfc8265");
        RegisteredClient c = publicClient(t);
        user(t, "demo");
        Browser b = browser();
        Browser.Page again = signIn(b.get(authRequest(t, c).path()), "demo ", PASSWORD);
        assertThat(again.location()).isNull();
        assertThat(again.alert()).isEqualTo("Invalid username or password.");
        assertThat(b.cookie("tessera_session")).isNull();
    }

    @Test
    @DisplayName("RFC 8265 §3.4 + CONTRACT §4: the per-account failure budget is the account's, whatever width or case is typed")
    void variants_shareTheAccountsBudget() {
        String t = freshTenant("rfc8265");
        RegisteredClient c = publicClient(t);
        user(t, "demo");
        Browser b = browser();
        AuthRequest req = authRequest(t, c);
        for (String typed : new String[] {"ＤＥＭＯ", "ｄｅｍｏ", "Demo", "DEMO", "dEmO"}) {   // 5: the account's budget
            assertThat(signIn(b.get(req.path()), typed, "wrong-password-1").location()).isNull();
        }
        Browser.Page refused = signIn(b.get(req.path()), "demo", PASSWORD);
        assertThat(refused.location()).as("no code: the account's budget is spent").isNull();
        assertThat(refused.alert()).containsIgnoringCase("too many");
    }

    @Test
    @DisplayName("CONTRACT §4: a 10,000-character username is the usual error, never 5xx")
    void veryLongUsername_isTheUsualError() {
        String t = freshTenant("rfc8265");
        RegisteredClient c = publicClient(t);
        Browser.Page again = signIn(browser().get(authRequest(t, c).path()), "Ａ".repeat(10_000), PASSWORD);
        assertThat(again.status()).isBetween(200, 499);
        assertThat(again.location()).isNull();
    }
}
