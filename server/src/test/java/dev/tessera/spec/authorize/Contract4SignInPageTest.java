package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import dev.tessera.testing.Users;
import dev.tessera.user.UserId;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sign-in page: its form, its error display, its security headers and cookies, CSRF protection,
 * and sessions (single sign-on within a tenant, isolation between tenants). Spec: CONTRACT §4;
 * OWASP ASVS V3 (sessions), V4.2.2 (CSRF); RFC 6749 §10.12–10.13.
 */
@Tag("contract")
class Contract4SignInPageTest extends FlowSpecTest {

    private Browser.Page signInPage(Browser b, String t, RegisteredClient c) {
        return b.get(authRequest(t, c).path()).expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §4: the form has username (\"Username\"), password (\"Password\") and a \"Sign in\" button")
    void form_hasLabelledFields() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        Browser.Page page = signInPage(browser(), t, c);
        Browser.Form f = page.form();
        assertThat(f.method).isEqualToIgnoringCase("post");
        assertThat(f.inputTypes).containsEntry("username", "text").containsEntry("password", "password");
        assertThat(f.buttons).extracting(Browser.Button::label).containsExactly("Sign in");
        assertThat(f.html).containsPattern("<label for=\"username\">Username</label>")
                .containsPattern("<input[^>]*id=\"username\"[^>]*name=\"username\"")
                .containsPattern("<label for=\"password\">Password</label>")
                .containsPattern("<input[^>]*type=\"password\"[^>]*id=\"password\"[^>]*name=\"password\"");
        assertThat(page.alert()).isNull();
    }

    @Test
    @DisplayName("CONTRACT §4: a wrong password shows the form again with the error in role=\"alert\", the username kept")
    void wrongPassword_showsAlert() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c);
        Browser.Page again = signIn(b.get(req.path()), "alice", "wrong-password-1");
        assertThat(again.status()).isBetween(200, 499);
        assertThat(again.location()).isNull();
        assertThat(again.alert()).isEqualTo("Invalid username or password.");
        Browser.Form f = again.form();
        assertThat(f.fields).containsEntry("username", "alice").containsEntry("password", "");
        assertThat(again.body()).doesNotContain("wrong-password-1").doesNotContain("Exception");
        assertThat(b.cookie("tessera_session")).isNull();
        codeOf(signIn(again, "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("CONTRACT §4: an unknown user and a wrong password get the same status and message (no enumeration)")
    void unknownUserAndWrongPassword_lookTheSame() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser.Page wrong = signIn(signInPage(browser(), t, c), "alice", "wrong-password-1");
        Browser.Page unknown = signIn(signInPage(browser(), t, c), "nobody", "wrong-password-1");
        assertThat(unknown.status()).isEqualTo(wrong.status());
        assertThat(unknown.alert()).isEqualTo(wrong.alert());
    }

    @Test
    @DisplayName("CONTRACT §3: an inactive user cannot sign in and gets the usual message")
    void inactiveUser_cannotSignIn() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        UserId id = user(t, "alice");
        Users.setActive(server, t, id, false);
        Browser b = browser();
        Browser.Page page = signIn(signInPage(b, t, c), "alice", PASSWORD);
        assertThat(page.location()).isNull();
        assertThat(page.alert()).isEqualTo("Invalid username or password.");
        assertThat(b.cookie("tessera_session")).isNull();
    }

    @Test
    @DisplayName("CONTRACT §4: user names are matched case-insensitively")
    void userName_isCaseInsensitive() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "Alice");
        AuthRequest req = authRequest(t, c);
        codeOf(signIn(browser().get(req.path()), "aLICE", PASSWORD), req);
    }

    @Test
    @DisplayName("CONTRACT §4: strict CSP (no unsafe-inline), X-Frame-Options DENY, frame-ancestors 'none', no-store")
    void securityHeaders() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        Browser.Page page = signInPage(browser(), t, c);
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).isNotNull().contains("default-src 'none'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("*");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        var nonce = Pattern.compile("style-src 'nonce-([^']+)'").matcher(csp);
        assertThat(nonce.find()).isTrue();
        assertThat(page.body()).contains("<style nonce=\"" + nonce.group(1) + "\">").doesNotContain("style=\"");
        assertThat(page.body()).doesNotContain("<script");
    }

    @Test
    @DisplayName("CSP Level 3 §6.3.1 / CONTRACT §4: form-action admits the client's redirect origin, which the sign-in POST redirects to")
    void formAction_allowsTheRedirectAfterSubmit() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        Browser.Page page = signInPage(browser(), t, c);
        assertThat(page.header("Content-Security-Policy")).containsPattern("form-action 'self'[^;]* https://app\\.example(;|$| )");
    }

    @Test
    @DisplayName("CONTRACT §4: the session cookie is HttpOnly, SameSite=Lax, path /t/{T}/, not Secure on plain-http loopback")
    void sessionCookie_attributes() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Browser.Page done = signIn(signInPage(b, t, c), "alice", PASSWORD).expectStatus(302);
        String setCookie = done.headers("Set-Cookie").stream().filter(s -> s.startsWith("tessera_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + done.headers("Set-Cookie")));
        List<String> attrs = List.of(setCookie.split(";\\s*"));
        assertThat(attrs).contains("HttpOnly", "SameSite=Lax", "Path=/t/" + t + "/").doesNotContain("Secure");
        assertThat(b.cookie("tessera_session").value()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.3: a signed-in user is not asked again within the tenant (single sign-on)")
    void session_isReused() {
        String t = freshTenant("signin");
        RegisteredClient c1 = publicClient(t);
        RegisteredClient c2 = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c1), "alice");
        AuthRequest second = authRequest(t, c2);
        codeOf(b.get(second.path()), second);
    }

    @Test
    @DisplayName("CONTRACT §4: two sign-ins started by the app in two tabs both complete (CSRF cookie kept across cross-site starts)")
    void twoTabs_bothComplete() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest first = authRequest(t, c);
        AuthRequest second = authRequest(t, c);
        Browser.Form tab1 = b.getFromOtherSite(first.path()).expectStatus(200).form();
        Browser.Form tab2 = b.getFromOtherSite(second.path()).expectStatus(200).form();
        codeOf(tab1.set("username", "alice").set("password", PASSWORD).submit("Sign in"), first);
        codeOf(tab2.set("username", "alice").set("password", PASSWORD).submit("Sign in"), second);
    }

    @Test
    @DisplayName("OWASP ASVS V3.3.1: signing in as another user in the same browser ends the previous user's session")
    void signInAsOtherUser_endsPreviousSession() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        user(t, "bob");
        Browser b = browser();
        Tokens alices = tokens(b, authRequest(t, c), "alice");
        String alicesCookie = b.cookie("tessera_session").value();
        AuthRequest switchUser = authRequest(t, c).set("prompt", "login");
        codeOf(signIn(b.get(switchUser.path()), "bob", PASSWORD), switchUser);
        Browser old = browser();
        old.setCookie("tessera_session", alicesCookie, "/t/" + t + "/");
        old.get(authRequest(t, c).path()).expectStatus(200).form();          // alice's session is over
        refresh(t, c, alices.refreshToken()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: signing in again as the same user (prompt=login) keeps that user's other grants")
    void signInAgainAsSameUser_keepsGrants() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Tokens before = tokens(b, authRequest(t, c), "alice");
        AuthRequest again = authRequest(t, c).set("prompt", "login");
        codeOf(signIn(b.get(again.path()), "alice", PASSWORD), again);
        refresh(t, c, before.refreshToken()).expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §2: a session of one tenant is unknown to another tenant")
    void session_isTenantScoped() {
        String a = freshTenant("signin");
        String other = freshTenant("signin");
        RegisteredClient ca = publicClient(a);
        RegisteredClient co = publicClient(other);
        user(a, "alice");
        user(other, "alice");
        Browser b = browser();
        authorize(b, authRequest(a, ca), "alice");
        b.setCookie("tessera_session", b.cookie("tessera_session").value(), "/t/" + other + "/");
        b.get(authRequest(other, co).path()).expectStatus(200).form();      // sign-in page, not a code
    }

    @Test
    @DisplayName("OWASP ASVS V4.2.2: POST /login without the csrf field → 400, no session")
    void login_withoutCsrf_isRefused() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Browser.Form f = signInPage(b, t, c).form().set("username", "alice").set("password", PASSWORD).remove("csrf");
        Browser.Page page = f.submit("Sign in");
        assertCsrfRefusal(b, page);
    }

    @Test
    @DisplayName("OWASP ASVS V4.2.2: POST /login with a wrong csrf value → 400, no session")
    void login_withWrongCsrf_isRefused() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Browser.Form f = signInPage(b, t, c).form().set("username", "alice").set("password", PASSWORD)
                .set("csrf", "A".repeat(43));
        assertCsrfRefusal(b, f.submit("Sign in"));
    }

    @Test
    @DisplayName("OWASP ASVS V4.2.2: POST /login from a browser without the csrf cookie (cross-site form) → 400, no session")
    void login_withoutCsrfCookie_isRefused() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Browser.Form f = signInPage(b, t, c).form().set("username", "alice").set("password", PASSWORD);
        b.dropCookie("tessera_csrf");
        assertCsrfRefusal(b, f.submit("Sign in"));
    }

    private void assertCsrfRefusal(Browser b, Browser.Page page) {
        page.expectStatus(400);
        assertThat(page.location()).isNull();
        assertThat(page.alert()).isNotBlank();
        assertThat(b.cookie("tessera_session")).isNull();
        assertThat(page.headers("Set-Cookie")).noneMatch(s -> s.startsWith("tessera_session="));
    }

    @Test
    @DisplayName("RFC 6749 §10.12: an altered sealed request → 400 error page, no redirect")
    void tamperedRequest_isRefused() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Browser.Form f = signInPage(b, t, c).form();
        String sealed = f.fields.get("request");
        char last = sealed.charAt(10);
        f.set("request", sealed.substring(0, 10) + (last == 'A' ? 'B' : 'A') + sealed.substring(11));
        Browser.Page page = f.set("username", "alice").set("password", PASSWORD).submit("Sign in");
        page.expectStatus(400);
        assertThat(page.location()).isNull();
        assertThat(b.cookie("tessera_session")).isNull();
    }

    @Test
    @DisplayName("RFC 6749 §10.12: a sealed request of one tenant is refused by another")
    void sealedRequestOfOtherTenant_isRefused() {
        String a = freshTenant("signin");
        String other = freshTenant("signin");
        RegisteredClient c = publicClient(a);
        user(other, "alice");
        Browser b = browser();
        Browser.Form f = signInPage(b, a, c).form();
        b.setCookie("tessera_csrf", b.cookie("tessera_csrf").value(), "/t/" + other + "/");
        Browser.Page page = b.post("/t/" + other + "/login", "request", f.fields.get("request"), "csrf", f.fields.get("csrf"),
                "username", "alice", "password", PASSWORD);
        page.expectStatus(400);
        assertThat(b.cookie("tessera_session")).isNull();
    }

    @Test
    @DisplayName("CONTRACT §4: a sign-in form left open past its lifetime → 400 asking to start again")
    void expiredForm_isRefused() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Browser.Form f = signInPage(b, t, c).form().set("username", "alice").set("password", PASSWORD);
        server.clock.advance(java.time.Duration.ofHours(1));
        f.submit("Sign in").expectStatus(400);
        assertThat(b.cookie("tessera_session")).isNull();
    }

    @Test
    @DisplayName("CONTRACT §4: an empty password → the form again with an alert, no 5xx")
    void emptyFields_showAlert() {
        String t = freshTenant("signin");
        RegisteredClient c = publicClient(t);
        Browser.Page page = signInPage(browser(), t, c).form().set("username", "alice").remove("password").submit("Sign in");
        assertThat(page.status()).isBetween(400, 499);
        assertThat(page.alert()).isNotBlank();
        assertThat(page.form().fields).containsKey("password");
    }

    @Test
    @DisplayName("CONTRACT §5: a POST /login that is not a form → 400 page, never 5xx")
    void nonFormPost_is400() {
        String t = freshTenant("signin");
        assertThat(http.post("/t/" + t + "/login").json("{}").send().status()).isEqualTo(400);
        assertThat(http.post("/t/" + t + "/login").form("request", "x").send().status()).isEqualTo(400);
        assertThat(http.post("/t/" + t + "/consent").form("request", "x", "decision", "allow").send().status()).isEqualTo(400);
    }
}
