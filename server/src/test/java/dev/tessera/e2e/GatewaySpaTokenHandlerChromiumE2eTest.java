package dev.tessera.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tessera.examples.sampleapi.SampleApi;
import dev.tessera.server.Setting;
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import dev.tessera.testing.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The token handler pattern with the real parts: the example SPA ({@code examples/spa}) in a real
 * headless Chromium (Debian's {@code /usr/bin/chromium}, driven by Playwright, which never downloads a
 * browser), served by a real NGINX running the committed {@code examples/nginx/nginx.conf.template}, on
 * one origin with Tessera (in-process, its public URL that origin) and the sample API (in-process). The
 * SPA signs in through the OAuth agent at {@code {issuer}/token-handler/{app}}, calls the API through
 * forward-auth with nothing but cookies, refreshes and signs out; page JavaScript never reads a token.
 * Spec: CONTRACT §6.2 (and §6.1 for the cookie at forward-auth); RFC 6265bis (HttpOnly, SameSite).
 */
@Tag("e2e")
class GatewaySpaTokenHandlerChromiumE2eTest extends SpecTest {
    static final String TENANT = "shop";
    static final String APP = "spa";
    static final String PREFIX = "shop-spa";
    static final String SCOPE = "openid profile orders:read orders:write";
    static final String USERNAME = "alice";
    static final String PASSWORD = "correct horse battery staple";
    /** The session cookies of CONTRACT §6.2, after sign-in: access token, refresh token, ID token, CSRF. */
    static final List<String> SESSION_COOKIES = List.of(PREFIX + "-at", PREFIX + "-auth", PREFIX + "-id", PREFIX + "-csrf");

    private final List<String> browserProblems = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failedResponses = Collections.synchronizedList(new ArrayList<>());
    private final List<String> apiRequestsWithAuthorization = Collections.synchronizedList(new ArrayList<>());
    private int nginxPort;
    private String origin;
    private RegisteredClient client;
    private SampleApi api;
    private NginxGateway nginx;
    private Playwright playwright;
    private BrowserContext browser;
    private Path profile;

    /** Prints what the browser and NGINX logged when the test fails (a Playwright timeout alone rarely says why). */
    @RegisterExtension
    final TestWatcher diagnosis = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browserProblems.forEach(p -> System.out.println("[chromium] " + p));
            failedResponses.forEach(r -> System.out.println("[chromium] response " + r));
            if (nginx != null) System.out.println("[nginx]" + nginx.diagnostics());
        }
    };

    /** Tessera's public URL is the gateway's origin, so it must know NGINX's port before it starts. */
    @Override
    protected Map<Setting, String> serverSettings() {
        nginxPort = NginxGateway.freePort();
        origin = "http://127.0.0.1:" + nginxPort;
        return Map.of(Setting.PUBLIC_URL, origin);
    }

    private static boolean partsInstalled() {
        return NginxGateway.executable().isPresent() && Files.isExecutable(CodeFlowChromiumE2eTest.CHROMIUM);
    }

    @BeforeAll
    void startEverything() throws Exception {
        if (!partsInstalled()) return;                                              // requireParts() skips the test
        createTenant(TENANT);
        Users.create(server, TENANT, USERNAME, PASSWORD, Map.of("name", Map.of("givenName", "Alice", "familyName", "Example")));
        // the SPA's client, as examples/README.md registers it: confidential, code + refresh, redirect URI the SPA's page
        client = register(TENANT, "{\"client_name\":\"Orders SPA\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                + "\"redirect_uris\":[\"" + origin + "/\"],\"post_logout_redirect_uris\":[\"" + origin + "/\"],"
                + "\"scope\":\"" + SCOPE + "\"}");
        // CONTRACT §6.2: the token-handler app; cookiePath / so the cookies reach both the agent and /api/
        Http.Response app = http.put("/admin/v1/tenants/" + TENANT + "/token-handlers/" + APP).bearer(adminToken())
                .json("{\"clientId\":\"" + client.clientId() + "\",\"webOrigins\":[\"" + origin + "\"],\"cookiePrefix\":\""
                        + PREFIX + "\",\"cookiePath\":\"/\",\"redirectUri\":\"" + origin + "/\",\"scope\":\"" + SCOPE + "\"}")
                .send();
        assertThat(app.status()).as("PUT /admin/v1/tenants/%s/token-handlers/%s (CONTRACT §6.2): %s", TENANT, APP, app.body())
                .isEqualTo(201);

        api = SampleApi.start(0, origin, TENANT);
        nginx = NginxGateway.start("spa-token-handler", NginxGateway.executable().get(),
                new NginxGateway.Site(nginxPort, server.tessera.port(), api.port(), TENANT, APP, PREFIX));

        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        profile = Files.createTempDirectory("tessera-e2e-spa-chromium");          // a fresh user-data dir
        browser = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(CodeFlowChromiumE2eTest.CHROMIUM).setHeadless(true)
                .setArgs(CodeFlowChromiumE2eTest.CHROMIUM_ARGS).setLocale("en-US").setViewportSize(1000, 900)
                .setTimeout(120_000));                                              // launching, on a loaded machine
        browser.setDefaultTimeout(30_000);                                          // a loaded 2-core machine
    }

    @AfterAll
    void stopEverything() throws IOException {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (nginx != null) nginx.close();
        if (api != null) api.close();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Skips (never fails) where nginx or Debian's chromium is not installed; .ci/run installs both. */
    @BeforeEach
    void requireParts() {
        if (!partsInstalled()) System.out.println("[tessera] e2e: nginx or " + CodeFlowChromiumE2eTest.CHROMIUM
                + " is missing; the SPA test is skipped");
        assumeTrue(partsInstalled(), "Skipped: nginx or chromium is missing (apt-get install nginx chromium; .ci/run does)");
    }

    /** Tessera's clock is moved by hand, the API checks exp and iat in real time: start caught up. */
    @BeforeEach
    void catchUpClock() {
        Duration behind = Duration.between(server.clock.instant(), Instant.now());
        if (!behind.isNegative()) server.clock.advance(behind);
    }

    @Test
    @DisplayName("CONTRACT §6.2: in Chromium the SPA signs in through the token handler, calls the API through NGINX, "
            + "refreshes and signs out, and page JavaScript reads no token")
    void spa_signsInCallsTheApiRefreshesAndSignsOut_withoutReadingATokenEver() throws Exception {
        Page page = browser.pages().isEmpty() ? browser.newPage() : browser.pages().get(0);
        watch(page);
        Locator status = page.locator("#status");
        Locator apiResult = page.locator("#api-result");

        // 1. the SPA loads from NGINX; login/end reports no session
        page.navigate(origin + "/");
        assertThat(status).hasAttribute("data-state", "signed-out");

        // 2. Sign in: login/start, then Tessera's sign-in page on the same origin; the login cookie is HttpOnly and Strict
        page.locator("#login").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        assertThat(page.url()).as("Tessera's authorization endpoint, through NGINX").startsWith(issuer() + "/authorize?");
        assertFlags(cookie(PREFIX + "-login").orElseThrow(() -> new AssertionError("no login cookie after login/start: " + cookieNames())));
        screenshot(page, "spa-signin.png");
        page.getByLabel("Username").fill(USERNAME);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        // 3. back on the SPA: login/end redeemed the code inside Tessera; the page shows the user from /userinfo
        assertThat(status).hasAttribute("data-state", "signed-in");
        assertThat(status).hasText("Signed in as " + USERNAME);
        assertThat(page).hasURL(origin + "/");                                     // ?code=…&state=… removed
        Map<String, Object> user = JSONObjectUtils.parse(page.locator("#user").textContent());
        assertThat(user).containsEntry("preferred_username", USERNAME).containsKey("sub");
        screenshot(page, "spa-signed-in.png");

        // 4. the session cookies: HttpOnly, SameSite=Strict, Path /, not Secure on plain-http loopback (CONTRACT §6.2)
        for (String name : SESSION_COOKIES) {
            assertFlags(cookie(name).orElseThrow(() -> new AssertionError("no cookie " + name + " after sign-in: " + cookieNames())));
        }
        assertPageJavaScriptReadsNoToken(page);

        // 5. the API through NGINX with nothing but cookies: forward-auth turns the access-token cookie into the JWT
        page.locator("#call-api").click();
        assertThat(apiResult).hasAttribute("data-status", "200");
        Map<String, Object> verified = apiClaims(apiResult);
        assertThat(verified).containsEntry("sub", user.get("sub")).containsEntry("client_id", client.clientId())
                .containsEntry("tenant_id", TENANT).containsEntry("iss", issuer());
        assertThat(verified.get("scope").toString().split(" ")).contains("orders:read", "orders:write");
        String jtiBeforeRefresh = (String) verified.get("jti");

        // a data-changing call: Origin and the x-shop-spa-csrf header, checked by forward-auth every time
        page.locator("#create-order").click();
        assertThat(apiResult).hasAttribute("data-status", "201");
        assertThat(apiRequestsWithAuthorization).as("the SPA never sends an Authorization header").isEmpty();

        // 6. Refresh tokens: 204, a new access-token cookie, and the API then sees a new token
        String accessCookieBefore = cookie(PREFIX + "-at").orElseThrow().value;
        page.locator("#refresh").click();
        assertThat(status).hasAttribute("data-refreshes", "1");
        assertThat(status).hasText("Tokens refreshed");
        assertThat(cookie(PREFIX + "-at").orElseThrow().value).as("the access-token cookie after refresh")
                .isNotEqualTo(accessCookieBefore);
        for (String name : SESSION_COOKIES) assertFlags(cookie(name).orElseThrow());
        page.locator("#call-api").click();
        assertThat(apiResult).hasAttribute("data-status", "200");
        assertThat(apiClaims(apiResult).get("jti")).as("the refreshed access token's jti").isNotEqualTo(jtiBeforeRefresh);
        assertPageJavaScriptReadsNoToken(page);

        // 7. Sign out: logout clears the cookies, Tessera's end-session endpoint returns to the SPA, which reports no session
        String agent = issuer() + "/token-handler/" + APP;
        Response pageLoadAfterLogout = page.waitForResponse(r -> r.url().equals(agent + "/login/end"), () -> {
            Response logout = page.waitForResponse(r -> r.url().startsWith(issuer() + "/logout"), () -> page.locator("#logout").click());
            if (logout.status() == 200) {                                          // Tessera asks first without id_token_hint
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            }
        });
        assertThat(JSONObjectUtils.parse(pageLoadAfterLogout.text())).containsEntry("isLoggedIn", false);
        assertThat(status).hasAttribute("data-state", "signed-out");
        assertThat(page.locator("#login")).isVisible();
        assertThat(cookieNames()).as("cookies left after sign-out").doesNotContainAnyElementsOf(SESSION_COOKIES)
                .doesNotContain("tessera_session");
        screenshot(page, "spa-signed-out.png");

        // no JavaScript error, no CSP violation, no failed request along the way
        assertThat(failedResponses).isEmpty();
        assertThat(browserProblems).isEmpty();

        // and the API, asked from the page without a session, is refused at the gateway
        Object statusAfterLogout = page.evaluate("fetch('/api/t/" + TENANT + "/orders', {credentials: 'include'}).then(r => r.status)");
        assertThat(statusAfterLogout).isEqualTo(401);
    }

    /** document.cookie shows none of the token handler's cookies, nor any of their values; nothing in web storage. */
    private void assertPageJavaScriptReadsNoToken(Page page) {
        String documentCookie = (String) page.evaluate("document.cookie");
        for (Cookie c : browser.cookies(origin + "/")) {
            if (!c.name.startsWith(PREFIX + "-")) continue;
            assertThat(documentCookie).as("document.cookie").doesNotContain(c.name).doesNotContain(c.value);
        }
        assertThat(page.evaluate("localStorage.length + sessionStorage.length")).as("web storage entries").isEqualTo(0);
    }

    private static void assertFlags(Cookie c) {
        assertThat(c.httpOnly).as("%s HttpOnly", c.name).isTrue();
        assertThat(c.sameSite).as("%s SameSite", c.name).isEqualTo(SameSiteAttribute.STRICT);
        assertThat(c.secure).as("%s Secure (not on plain-http loopback)", c.name).isFalse();
        assertThat(c.path).as("%s Path (the app's cookiePath)", c.name).isEqualTo("/");
    }

    private Optional<Cookie> cookie(String name) {
        return browser.cookies(origin + "/").stream().filter(c -> c.name.equals(name)).findFirst();
    }

    private List<String> cookieNames() {
        return browser.cookies(origin + "/").stream().map(c -> c.name).collect(Collectors.toList());
    }

    /** The claims the API verified, from {@code #api-result} ("HTTP 200" then the JSON answer). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> apiClaims(Locator apiResult) throws java.text.ParseException {
        String text = apiResult.textContent();
        Map<String, Object> answer = JSONObjectUtils.parse(text.substring(text.indexOf('\n') + 1));
        return (Map<String, Object>) answer.get("token");
    }

    private String issuer() {
        return origin + "/t/" + TENANT;
    }

    /** Records console errors and warnings (CSP violations are errors), uncaught exceptions, failed responses, and API calls carrying Authorization. */
    private void watch(Page page) {
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.type().equals("warning")) browserProblems.add(m.type() + ": " + m.text() + " @ " + m.location());
        });
        page.onPageError(e -> browserProblems.add("page error: " + e));
        page.onResponse(r -> {
            if (r.status() >= 400) failedResponses.add(r.request().method() + " " + r.url() + " " + r.status());
        });
        page.onRequest(r -> {
            if (r.url().startsWith(origin + "/api/") && r.headers().containsKey("authorization")) {
                apiRequestsWithAuthorization.add(r.method() + " " + r.url());
            }
        });
    }

    private static void screenshot(Page page, String name) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "e2e");
        Files.createDirectories(dir);
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
    }
}
