package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Http;
import java.util.Map;

/**
 * Shared steps of the token-handler spec tests: a tenant with a confidential code + refresh client and a
 * token-handler app for it, an SPA on {@link #ORIGIN}, and the whole browser login through the real
 * sign-in page: login/start → authorize → sign in → login/end.
 */
abstract class TokenHandlerSpecTest extends FlowSpecTest {
    static final String ORIGIN = "https://app.example";
    static final String PREFIX = "th";
    static final String APP = "web";

    /** A tenant, its client and app. */
    record Setup(String tenant, RegisteredClient client, String app, String prefix) {
        String agentPath() {
            return "/t/" + tenant + "/token-handler/" + app;
        }
    }

    /** A fresh tenant with user alice, a confidential client and app {@link #APP} (prefix {@link #PREFIX}). */
    protected Setup setup(String name, String... extraAppMembers) {
        String t = freshTenant(name);
        RegisteredClient c = confidentialClient(t, "\"post_logout_redirect_uris\":[\"" + ORIGIN + "/bye\"]");
        user(t, "alice");
        putApp(t, APP, appJson(c.clientId(), PREFIX, extraAppMembers)).expectStatus(201);
        return new Setup(t, c, APP, PREFIX);
    }

    static String appJson(String clientId, String prefix, String... extraMembers) {
        StringBuilder b = new StringBuilder("{\"clientId\":\"").append(clientId).append("\",\"webOrigins\":[\"").append(ORIGIN)
                .append("\"],\"cookiePrefix\":\"").append(prefix).append("\",\"redirectUri\":\"").append(REDIRECT)
                .append("\",\"scope\":\"openid profile email offline_access\"");
        for (String m : extraMembers) b.append(',').append(m);
        return b.append('}').toString();
    }

    protected Http.Response putApp(String tenant, String app, String json) {
        return http.put("/admin/v1/tenants/" + tenant + "/token-handlers/" + app).bearer(adminToken()).json(json).send();
    }

    protected Spa spa(Setup s) {
        return new Spa(server.baseUrl + s.agentPath(), s.prefix(), ORIGIN);
    }

    /** login/start: the authorization request URL (the login cookie lands in the jar). */
    protected String loginStart(Spa spa) {
        Spa.Reply r = spa.send("POST", "/login/start", null, null).expectStatus(200);
        return (String) r.json().get("authorizationRequestUrl");
    }

    /** Follows the authorization request URL in the browser and signs in; returns the redirect (the SPA's page URL). */
    protected String authorizeAndSignIn(Browser b, String authorizationRequestUrl, String user) {
        Browser.Page page = b.get(authorizationRequestUrl);
        if (page.status() == 200) page = signIn(page, user, PASSWORD);
        page.expectStatus(302);
        assertThat(page.location()).startsWith(REDIRECT + "?");
        return page.location();
    }

    /** login/end with the page URL. */
    protected Spa.Reply loginEnd(Spa spa, String pageUrl) {
        return spa.send("POST", "/login/end", "{\"pageUrl\":\"" + pageUrl.replace("\"", "\\\"") + "\"}", null);
    }

    /** The whole login; the SPA then holds the session cookies and its CSRF token. Returns the login/end answer. */
    protected Spa.Reply login(Spa spa, Browser b, String user) {
        String pageUrl = authorizeAndSignIn(b, loginStart(spa), user);
        Spa.Reply r = loginEnd(spa, pageUrl).expectStatus(200);
        assertThat(r.json()).containsEntry("handled", true).containsEntry("isLoggedIn", true);
        spa.csrf = (String) r.json().get("csrf");
        return r;
    }

    protected Spa loggedIn(Setup s) {
        Spa spa = spa(s);
        login(spa, browser(), "alice");
        return spa;
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
