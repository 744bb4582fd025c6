package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The consent page of third-party clients (consent_required): Allow and Deny, remembered consent per
 * user, client and scope, prompt=consent, CSRF protection and audit events.
 * Spec: CONTRACT §3 (consent_required), §4; OIDC Core §3.1.2.4, §3.1.2.6 (consent_required); RFC 6749 §4.1.2.1.
 */
@Tag("contract")
class Contract4ConsentTest extends FlowSpecTest {

    private RegisteredClient thirdParty(String t) {
        return publicClient(t, "\"consent_required\":true");
    }

    /** Authorize and sign in; returns the consent page. */
    private Browser.Page consentPage(Browser b, AuthRequest req, String userName) {
        Browser.Page page = b.get(req.path());
        if (page.form().fields.containsKey("password")) page = signIn(page, userName, PASSWORD);
        page.expectStatus(200);
        assertThat(page.form().buttons).extracting(Browser.Button::label).containsExactlyInAnyOrder("Allow", "Deny");
        return page;
    }

    @Test
    @DisplayName("CONTRACT §4: a consent_required client shows the consent page with \"Allow\" and \"Deny\" and the scopes")
    void consentPage_isShown() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser.Page page = consentPage(browser(), authRequest(t, c).set("scope", "openid email"), "alice");
        assertThat(page.body()).contains("Test App").contains("email");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline")
                .containsPattern("form-action 'self'[^;]* https://app\\.example");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.form().fields).containsKeys("csrf", "request");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: Deny → access_denied redirect with state, iss and error_description")
    void deny_isAccessDenied() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        Browser.Page denied = consentPage(browser(), req, "alice").form().submit("Deny");
        errorOf(denied, req, "access_denied");
    }

    @Test
    @DisplayName("CONTRACT §4: Allow → a code; the consent is remembered and the next authorization skips the page")
    void allow_isRemembered() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c);
        String code = codeOf(consentPage(b, req, "alice").form().submit("Allow"), req);
        redeem(req, code).expectStatus(200);
        AuthRequest second = authRequest(t, c);
        codeOf(b.get(second.path()), second);
        AuthRequest narrower = authRequest(t, c).set("scope", "openid");
        codeOf(b.get(narrower.path()), narrower);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: prompt=consent asks again despite remembered consent")
    void promptConsent_asksAgain() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c);
        codeOf(consentPage(b, req, "alice").form().submit("Allow"), req);
        AuthRequest again = authRequest(t, c).set("prompt", "consent");
        codeOf(consentPage(b, again, "alice").form().submit("Allow"), again);
    }

    @Test
    @DisplayName("CONTRACT §4: a wider scope than the remembered one asks again")
    void widerScope_asksAgain() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c).set("scope", "openid");
        codeOf(consentPage(b, req, "alice").form().submit("Allow"), req);
        consentPage(b, authRequest(t, c).set("scope", "openid email"), "alice");
    }

    @Test
    @DisplayName("CONTRACT §4: consent is per user: another user of the same browser is asked")
    void consent_isPerUser() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        user(t, "bob");
        AuthRequest req = authRequest(t, c);
        codeOf(consentPage(browser(), req, "alice").form().submit("Allow"), req);
        consentPage(browser(), authRequest(t, c), "bob");
    }

    @Test
    @DisplayName("CONTRACT §4: a denied request is not remembered: the next authorization asks again")
    void deny_isNotRemembered() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser b = browser();
        consentPage(b, authRequest(t, c), "alice").form().submit("Deny").expectStatus(302);
        consentPage(b, authRequest(t, c), "alice");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.6: prompt=none without consent → consent_required")
    void promptNoneWithoutConsent_isConsentRequired() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        RegisteredClient firstParty = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, firstParty), "alice");
        AuthRequest req = authRequest(t, c).set("prompt", "none");
        errorOf(b.get(req.path()), req, "consent_required");
    }

    @Test
    @DisplayName("CONTRACT §3: a client without consent_required never shows the consent page")
    void firstParty_skipsConsent() {
        String t = freshTenant("consent");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("scope", SCOPES);
        codeOf(signIn(browser().get(req.path()), "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("OWASP ASVS V4.2.2: POST /consent without or with a wrong csrf → 400, no code, nothing remembered")
    void consent_requiresCsrf() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c);
        Browser.Form f = consentPage(b, req, "alice").form();
        String csrf = f.fields.get("csrf");
        Browser.Page missing = f.remove("csrf").submit("Allow");
        missing.expectStatus(400);
        assertThat(missing.location()).isNull();
        Browser.Page wrong = f.set("csrf", "B".repeat(43)).submit("Allow");
        wrong.expectStatus(400);
        assertThat(wrong.location()).isNull();
        assertThat(events(t, "consent.granted")).isEmpty();
        consentPage(b, authRequest(t, c), "alice");           // not remembered
        codeOf(f.set("csrf", csrf).submit("Allow"), req);     // the genuine form still works
    }

    @Test
    @DisplayName("CONTRACT §4: POST /consent with neither Allow nor Deny → 400, no code")
    void consent_withoutDecision_is400() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser.Page page = consentPage(browser(), authRequest(t, c), "alice").form().set("decision", "maybe").submit();
        page.expectStatus(400);
        assertThat(page.location()).isNull();
    }

    @Test
    @DisplayName("CONTRACT §4: POST /consent without a session leads to the sign-in page, not a code")
    void consent_withoutSession_asksToSignIn() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser b = browser();
        Browser.Form f = consentPage(b, authRequest(t, c), "alice").form();
        b.dropCookie("tessera_session");
        Browser.Page page = f.submit("Allow").expectStatus(200);
        assertThat(page.form().fields).containsKey("password");
    }

    @Test
    @DisplayName("Issue 3 item 7: consent.granted and consent.denied are audited with user, client and scope")
    void decisions_areAudited() {
        String t = freshTenant("consent");
        RegisteredClient c = thirdParty(t);
        var alice = user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c).set("scope", "openid email");
        codeOf(consentPage(b, req, "alice").form().submit("Allow"), req);
        consentPage(b, authRequest(t, c).set("prompt", "consent"), "alice").form().submit("Deny").expectStatus(302);
        assertThat(events(t, "consent.granted")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("clientId", c.clientId()).containsEntry("subject", alice.value());
            assertThat(details(e)).containsEntry("scope", "openid email");
        });
        assertThat(events(t, "consent.denied")).singleElement().satisfies(e ->
                assertThat(e).containsEntry("clientId", c.clientId()).containsEntry("subject", alice.value()));
    }
}
