package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * response_mode=form_post: the response parameters in an auto-submitting HTML form posted to the
 * redirect URI, that also works without JavaScript. Spec: OAuth 2.0 Form Post Response Mode §2;
 * OAuth 2.0 Multiple Response Type Encoding Practices §2.1; RFC 9207 §2.
 */
@Tag("form-post")
class OAuthFormPostResponseModeTest extends FlowSpecTest {

    @Test
    @DisplayName("Form Post §2: the code, state and iss arrive as hidden fields of a form posted to the redirect URI")
    void success_isAutoSubmittedForm() {
        String t = freshTenant("fpost");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("response_mode", "form_post");
        Browser.Page page = signIn(browser().get(req.path()), "alice", PASSWORD).expectStatus(200);
        assertThat(page.location()).isNull();
        Browser.Form f = page.form();
        assertThat(f.method).isEqualToIgnoringCase("post");
        assertThat(f.action).isEqualTo(REDIRECT);
        assertThat(f.fields).containsEntry("state", req.get("state")).containsEntry("iss", server.issuer(t)).containsKey("code");
        assertThat(f.inputTypes.values()).containsOnly("hidden");
        redeem(req, f.fields.get("code")).expectStatus(200);
    }

    @Test
    @DisplayName("Form Post §2: without JavaScript a submit button inside <noscript> sends the form")
    void worksWithoutJavaScript() {
        String t = freshTenant("fpost");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("response_mode", "form_post");
        Browser.Page page = signIn(browser().get(req.path()), "alice", PASSWORD).expectStatus(200);
        Matcher noscript = Pattern.compile("<noscript>(.*?)</noscript>", Pattern.DOTALL).matcher(page.body());
        assertThat(noscript.find()).as("a <noscript> element").isTrue();
        assertThat(noscript.group(1)).containsPattern("<button[^>]*type=\"submit\"");
        assertThat(page.form().buttons).isNotEmpty();
    }

    @Test
    @DisplayName("Form Post §2 / CONTRACT §4: the auto-submit script runs under a nonce CSP that admits the redirect origin as form-action")
    void cspAllowsOnlyNoncedScriptAndTheRedirectOrigin() {
        String t = freshTenant("fpost");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("response_mode", "form_post");
        Browser.Page page = signIn(browser().get(req.path()), "alice", PASSWORD).expectStatus(200);
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").contains("frame-ancestors 'none'");
        Matcher nonce = Pattern.compile("script-src 'nonce-([^']+)'").matcher(csp);
        assertThat(nonce.find()).as("script-src with a nonce in %s", csp).isTrue();
        assertThat(page.body()).contains("<script nonce=\"" + nonce.group(1) + "\">");
        assertThat(csp).containsPattern("form-action [^;]*https://app\\.example");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    @DisplayName("Form Post §2: error responses use the form too, with error, error_description, state and iss")
    void error_isAutoSubmittedForm() {
        String t = freshTenant("fpost");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("response_mode", "form_post").set("scope", "openid nope");
        Browser.Form f = browser().get(req.path()).expectStatus(200).form();
        assertThat(f.action).isEqualTo(REDIRECT);
        assertThat(f.fields).containsEntry("error", "invalid_scope").containsEntry("state", req.get("state"))
                .containsEntry("iss", server.issuer(t)).containsKey("error_description").doesNotContainKey("code");
    }

    @Test
    @DisplayName("Form Post §2: field values are HTML-escaped (a state with quotes and tags cannot break out)")
    void stateIsEscaped() {
        String t = freshTenant("fpost");
        RegisteredClient c = publicClient(t);
        String evil = "\"><script>alert(1)</script>";
        AuthRequest req = authRequest(t, c).set("response_mode", "form_post").set("scope", "openid nope").set("state", evil);
        Browser.Page page = browser().get(req.path()).expectStatus(200);
        assertThat(page.body()).doesNotContain("<script>alert(1)</script>");
        assertThat(page.form().fields).containsEntry("state", evil);
    }

    @Test
    @DisplayName("Multiple Response Types §2.1: an unknown response_mode → invalid_request by redirect (query)")
    void unknownResponseMode_isInvalidRequest() {
        String t = freshTenant("fpost");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("response_mode", "fragment.jwt");
        errorOf(browser().get(req.path()), req, "invalid_request");
    }
}
