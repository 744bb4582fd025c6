package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.gateway.CookieTokenSource;
import dev.tessera.gateway.ForwardedRequest;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The proxy side of the token handler, as forward-auth uses it (the composition root's
 * {@link CookieTokenSource}): the access token inside an app's {@code -at} cookie, under the Origin rule
 * and, for data-changing original methods, the CSRF rule; any failure is {@code invalid_token}.
 * Spec: CONTRACT §6.2 (proxy side), §6.1.
 */
@Tag("contract6")
class TokenHandlerContract6_2CookieTokenSourceTest extends TokenHandlerSpecTest {

    /** A forwarded request: the original method, and the headers and cookies the gateway passed on. */
    private static final class Forwarded implements ForwardedRequest {
        private final String method;
        private final Map<String, String> headers = new HashMap<>();
        private final Map<String, String> cookies = new HashMap<>();

        Forwarded(String method, Spa spa) {
            this.method = method;
            spa.jar.forEach(cookies::put);
        }

        Forwarded header(String name, String value) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            return this;
        }

        @Override public String method() { return method; }

        @Override public String header(String name) { return headers.get(name.toLowerCase(java.util.Locale.ROOT)); }

        @Override public String cookie(String name) { return cookies.get(name); }
    }

    private CookieTokenSource source() {
        return server.tessera.cookieTokenSource();
    }

    private Optional<String> token(Setup s, ForwardedRequest r) {
        return source().accessToken(new TenantId(s.tenant()), r);
    }

    private void refused(Setup s, ForwardedRequest r) {
        assertThatThrownBy(() -> token(s, r)).isInstanceOf(OAuthException.class)
                .satisfies(e -> assertThat(((OAuthException) e).code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Test
    @DisplayName("CONTRACT §6.2: the -at cookie yields the session's access token (active at introspection), never readable in the cookie")
    void accessTokenCookie_yieldsTheToken() {
        Setup s = setup("th-proxy");
        Spa spa = loggedIn(s);
        String token = token(s, new Forwarded("GET", spa)).orElseThrow();
        assertThat(active(s.tenant(), token)).isTrue();
        assertThat(spa.cookie("-at")).doesNotContain(token);
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(spa.cookie("-at")),
                java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(token(s, new Forwarded("GET", spa).header("Origin", ORIGIN))).contains(token);
        assertThat(token(s, new Forwarded("HEAD", spa))).contains(token);
    }

    @Test
    @DisplayName("CONTRACT §6.2: without any app cookie → empty (forward-auth then looks for a bearer token)")
    void noCookie_isEmpty() {
        Setup s = setup("th-proxy");
        assertThat(token(s, new Forwarded("GET", spa(s)))).isEmpty();
        Spa other = loggedIn(s);
        other.jar.remove(PREFIX + "-at");
        assertThat(token(s, new Forwarded("POST", other))).isEmpty();
        assertThat(source().accessToken(new TenantId(freshTenant("th-proxy")), new Forwarded("GET", loggedIn(s)))).isEmpty();
    }

    @Test
    @DisplayName("CONTRACT §6.2: an untrusted Origin → invalid_token, whatever the method")
    void untrustedOrigin_isRefused() {
        Setup s = setup("th-proxy");
        Spa spa = loggedIn(s);
        refused(s, new Forwarded("GET", spa).header("Origin", "https://evil.example"));
        refused(s, new Forwarded("POST", spa).header("Origin", "null").header("x-th-csrf", spa.csrf));
    }

    @Test
    @DisplayName("CONTRACT §6.2: data-changing original methods need the trusted Origin and the CSRF header equal to the CSRF cookie")
    void dataChanging_needsOriginAndCsrf() {
        Setup s = setup("th-proxy");
        Spa spa = loggedIn(s);
        for (String m : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            assertThat(token(s, new Forwarded(m, spa).header("Origin", ORIGIN).header("x-th-csrf", spa.csrf))).isPresent();
            refused(s, new Forwarded(m, spa).header("x-th-csrf", spa.csrf));                  // no Origin
            refused(s, new Forwarded(m, spa).header("Origin", ORIGIN));                       // no CSRF header
            refused(s, new Forwarded(m, spa).header("Origin", ORIGIN).header("x-th-csrf", spa.csrf + "x"));
        }
        Forwarded noCsrfCookie = new Forwarded("POST", spa).header("Origin", ORIGIN).header("x-th-csrf", spa.csrf);
        noCsrfCookie.cookies.remove(PREFIX + "-csrf");
        refused(s, noCsrfCookie);
        assertThat(token(s, new Forwarded("OPTIONS", spa))).isPresent();
        refused(s, new Forwarded(null, spa));                                       // an unknown method: the strict rules
        assertThat(token(s, new Forwarded(null, spa).header("Origin", ORIGIN).header("x-th-csrf", spa.csrf))).isPresent();
    }

    @Test
    @DisplayName("CONTRACT §6.2: a tampered, moved or expired -at cookie → invalid_token")
    void badCookie_isRefused() {
        Setup s = setup("th-proxy");
        Spa spa = loggedIn(s);
        Forwarded tampered = new Forwarded("GET", spa);
        tampered.cookies.put(PREFIX + "-at", spa.cookie("-at").substring(1));
        refused(s, tampered);
        Forwarded moved = new Forwarded("GET", spa);
        moved.cookies.put(PREFIX + "-at", spa.cookie("-auth"));
        refused(s, moved);
        Forwarded garbage = new Forwarded("GET", spa);
        garbage.cookies.put(PREFIX + "-at", "%%%;garbage");
        refused(s, garbage);
        Setup elsewhere = setup("th-proxy");                 // same app id and prefix, another tenant
        refused(elsewhere, new Forwarded("GET", spa));
        server.clock.advance(java.time.Duration.ofSeconds(301));
        try {
            refused(s, new Forwarded("GET", spa));
        } finally {
            server.clock.advance(java.time.Duration.ofSeconds(-301));
        }
    }

    @Test
    @DisplayName("CONTRACT §6.2: admin changes apply at once (cache invalidated): a new prefix, a rotation, a deleted app")
    void adminChanges_applyAtOnce() {
        Setup s = setup("th-proxy");
        Spa spa = loggedIn(s);
        assertThat(token(s, new Forwarded("GET", spa))).isPresent();
        http.post("/admin/v1/tenants/" + s.tenant() + "/token-handlers/" + APP + "/keys/rotate").bearer(adminToken()).send()
                .expectStatus(204);
        assertThat(token(s, new Forwarded("GET", spa))).as("the previous key still opens").isPresent();
        putApp(s.tenant(), APP, appJson(s.client().clientId(), "renamed")).expectStatus(200);
        assertThat(token(s, new Forwarded("GET", spa))).isEmpty();
        putApp(s.tenant(), APP, appJson(s.client().clientId(), PREFIX)).expectStatus(200);
        assertThat(token(s, new Forwarded("GET", spa))).isPresent();
        http.delete("/admin/v1/tenants/" + s.tenant() + "/token-handlers/" + APP).bearer(adminToken()).send().expectStatus(204);
        assertThat(token(s, new Forwarded("GET", spa))).isEmpty();
    }

    @Test
    @DisplayName("CONTRACT §6.2: with two apps, the app whose -at cookie the request carries is used")
    void twoApps_theCarriedCookieDecides() {
        Setup s = setup("th-proxy");
        RegisteredClient second = confidentialClient(s.tenant());
        putApp(s.tenant(), "admin-ui", appJson(second.clientId(), "adm")).expectStatus(201);
        Spa admin = new Spa(server.baseUrl + "/t/" + s.tenant() + "/token-handler/admin-ui", "adm", ORIGIN);
        login(admin, browser(), "alice");
        String token = token(s, new Forwarded("GET", admin)).orElseThrow();
        assertThat(active(s.tenant(), token)).isTrue();
        Forwarded post = new Forwarded("POST", admin).header("Origin", ORIGIN).header("x-adm-csrf", admin.csrf);
        assertThat(token(s, post)).contains(token);
    }
}
