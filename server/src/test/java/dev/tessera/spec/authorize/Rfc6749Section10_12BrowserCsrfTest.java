package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Setting;
import dev.tessera.testing.Browser;
import dev.tessera.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Cross-site request forgery against the sign-in, consent and sign-out forms: the form token is tied
 * to the browser's secret cookie (a value that merely equals the cookie is refused), the sealed
 * request to that browser and (for consent) to the session it was shown to, and a form the browser
 * says was posted from another site is refused (403). Spec: RFC 6749 §10.12; RFC 9700 §4.7;
 * Fetch Metadata; CONTRACT §4 (protected against CSRF); issue 9 item 3.
 */
class Rfc6749Section10_12BrowserCsrfTest extends FlowSpecTest {

    private RegisteredClient thirdParty(String t) {
        return publicClient(t, "\"consent_required\":true");
    }

    /** Authorizes in {@code b} and signs in as {@code userName}; returns the consent page. */
    private Browser.Page consentPage(Browser b, AuthRequest req, String userName) {
        Browser.Page page = signIn(b.get(req.path()), userName, PASSWORD).expectStatus(200);
        assertThat(page.form().buttons).extracting(Browser.Button::label).contains("Allow", "Deny");
        return page;
    }

    private static String[] fields(Map<String, String> f, String... extra) {
        List<String> nv = new ArrayList<>();
        f.forEach((k, v) -> {
            nv.add(k);
            nv.add(v);
        });
        nv.addAll(List.of(extra));
        return nv.toArray(String[]::new);
    }

    private static void assertNoCode(Browser.Page page) {
        assertThat(page.status()).as(page.body()).isIn(400, 403);
        assertThat(page.location()).isNull();
        assertThat(page.alert()).isNotBlank();
        assertThat(page.body()).doesNotContain("Exception");
    }

    @Test
    @DisplayName("RFC 6749 §10.12: the attacker's consent form posted with the victim's session cookie gives no code, "
            + "even with the attacker's CSRF cookie planted in the victim's browser")
    void attackersConsentValue_withVictimsSession_givesNoCode() {
        String t = freshTenant("csrf");
        RegisteredClient c = thirdParty(t);
        user(t, "mallory");
        user(t, "alice");
        Browser attacker = browser();
        AuthRequest attackersRequest = authRequest(t, c);
        Map<String, String> forged = consentPage(attacker, attackersRequest, "mallory").form().fields;
        String attackersSecret = attacker.cookie("tessera_csrf").value();

        Browser victim = browser();
        tokens(victim, authRequest(t, publicClient(t)), "alice");                // alice has a session
        String consent = "/t/" + t + "/consent";
        assertNoCode(victim.post(consent, fields(forged, "decision", "allow")));
        victim.setCookie("tessera_csrf", attackersSecret, "/t/" + t + "/");        // cookie tossing: the attacker's secret
        assertNoCode(victim.post(consent, fields(forged, "decision", "allow")));
        assertThat(events(t, "authorization_code.issued")).hasSize(1);           // alice's own sign-in only
        assertThat(events(t, "consent.granted")).isEmpty();

        codeOf(attacker.post(consent, fields(forged, "decision", "allow")), attackersRequest);   // in its own browser it works
    }

    @Test
    @DisplayName("RFC 6749 §10.12: a CSRF value equal to an attacker-set cookie is refused at sign-in and consent")
    void csrfValueMatchingPlantedCookie_isRefused() {
        String t = freshTenant("csrf");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        String planted = "P".repeat(43);
        Browser b = browser();
        Browser.Form signIn = b.get(authRequest(t, c).path()).expectStatus(200).form();
        b.setCookie("tessera_csrf", planted, "/t/" + t + "/");
        Browser.Page refused = signIn.set("username", "alice").set("password", PASSWORD).set("csrf", planted).submit("Sign in");
        assertNoCode(refused);
        assertThat(refused.headers("Set-Cookie")).noneMatch(s -> s.startsWith("tessera_session="));
        assertThat(events(t, "signin.succeeded")).isEmpty();

        Browser v = browser();
        Browser.Form consent = consentPage(v, authRequest(t, c), "alice").form();
        v.setCookie("tessera_csrf", planted, "/t/" + t + "/");
        assertNoCode(consent.set("csrf", planted).submit("Allow"));
        assertThat(events(t, "consent.granted")).isEmpty();
    }

    @Test
    @DisplayName("Fetch Metadata / Origin: a sign-in form posted from another origin → 403 error page, no session")
    void crossSiteOrigin_atSignIn_is403() {
        String t = freshTenant("csrf");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        for (String origin : new String[] {"https://evil.example", "null", server.baseUrl.replace("127.0.0.1", "localhost")}) {
            Browser b = browser();
            Browser.Form f = b.get(authRequest(t, c).path()).expectStatus(200).form().set("username", "alice")
                    .set("password", PASSWORD);
            b.header("Origin", origin);
            Browser.Page page = f.submit("Sign in");
            page.expectStatus(403);
            assertNoCode(page);
            assertThat(b.cookie("tessera_session")).as(origin).isNull();
        }
        assertThat(events(t, "signin.succeeded")).isEmpty();
        assertThat(events(t, "signin.failed")).isEmpty();                       // refused before any password check

        Browser same = browser();
        AuthRequest req = authRequest(t, c);
        Browser.Page signInPage = same.get(req.path()).expectStatus(200);
        // no referrer leaves the origin, yet a same-origin post keeps its real Origin (no-referrer would make it "null")
        assertThat(signInPage.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(signInPage.body()).contains("<meta name=\"referrer\" content=\"same-origin\">").doesNotContain("no-referrer");
        Browser.Form f = signInPage.form().set("username", "alice").set("password", PASSWORD);
        same.header("Origin", server.baseUrl).header("Sec-Fetch-Site", "same-origin");
        codeOf(f.submit("Sign in"), req);                                       // the server's own origin passes
    }

    @Test
    @DisplayName("Fetch Metadata: consent and sign-out forms posted with Sec-Fetch-Site: cross-site → 403, nothing changes")
    void secFetchSiteCrossSite_atConsentAndLogout_is403() {
        String t = freshTenant("csrf");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        Browser b = browser();
        AuthRequest req = authRequest(t, c);
        Browser.Form consent = consentPage(b, req, "alice").form();
        Browser.Form logout = b.get("/t/" + t + "/logout").expectStatus(200).form();
        b.header("Sec-Fetch-Site", "cross-site");
        consent.submit("Allow").expectStatus(403);
        logout.submit("Sign out").expectStatus(403);
        assertThat(events(t, "consent.granted")).isEmpty();
        assertThat(events(t, "logout")).isEmpty();
        b.header("Sec-Fetch-Site", "same-site");                                // a sibling subdomain is another origin
        consent.submit("Allow").expectStatus(403);
        b.header("Sec-Fetch-Site", "same-origin");
        codeOf(consent.submit("Allow"), req);
    }

    @Test
    @DisplayName("RFC 6749 §10.12: a consent form shown to one session is refused once another user signed in in the browser")
    void consentForm_isBoundToItsSession() {
        String t = freshTenant("csrf");
        RegisteredClient c = thirdParty(t);
        user(t, "alice");
        user(t, "bob");
        Browser b = browser();
        Browser.Form alicesConsent = consentPage(b, authRequest(t, c), "alice").form();
        consentPage(b, authRequest(t, c).set("prompt", "login"), "bob");        // bob signs in: alice's session ends
        assertNoCode(alicesConsent.submit("Allow"));
        assertThat(events(t, "consent.granted")).isEmpty();
    }

    @Test
    @DisplayName("Behind a proxy (https public URL): __Host- cookies, and the Origin check compares with the public origin, not Host")
    void behindProxy_originIsThePublicOrigin() {
        try (TestServer tls = TestServer.start(Map.of(Setting.PUBLIC_URL, "https://login.example"))) {
            var h = new dev.tessera.testing.Http(tls.baseUrl);
            String admin = h.post("/t/system/token").basicAuth(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET)
                    .form("grant_type", "client_credentials", "scope", "admin").send().expectStatus(200).string("access_token");
            h.put("/admin/v1/tenants/px").bearer(admin).json("{\"displayName\":\"px\"}").send().expectStatus(201);
            String clientId = h.post("/t/px/register").bearer(admin).json("{\"grant_types\":[\"authorization_code\"],"
                    + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":\"none\"}").send()
                    .expectStatus(201).string("client_id");
            dev.tessera.testing.Users.create(tls, "px", "alice", PASSWORD);
            Pkce pkce = Pkce.create();
            String authorize = "/t/px/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(REDIRECT)
                    + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";

            Browser local = new Browser(tls.baseUrl);
            Map<String, String> f = local.get(authorize).expectStatus(200).form().set("username", "alice").set("password", PASSWORD)
                    .fields;
            assertThat(local.cookie("__Host-tessera_csrf-px")).isNotNull();
            local.header("Origin", tls.baseUrl);                                   // the Host the server sees: not its origin
            local.post("/t/px/login", fields(f)).expectStatus(403);

            Browser proxied = new Browser(tls.baseUrl);
            Map<String, String> g = proxied.get(authorize).expectStatus(200).form().set("username", "alice")
                    .set("password", PASSWORD).fields;
            proxied.header("Origin", "https://login.example").header("Sec-Fetch-Site", "same-origin");
            assertThat(proxied.post("/t/px/login", fields(g)).expectStatus(302).location()).startsWith(REDIRECT).contains("code=");
            assertThat(proxied.cookie("__Host-tessera_session-px")).isNotNull();
        }
    }
}
