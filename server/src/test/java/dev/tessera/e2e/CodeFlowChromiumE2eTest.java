package dev.tessera.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tessera.store.JdbcUserRepository;
import dev.tessera.tenant.TenantId;
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import dev.tessera.user.PasswordHasher;
import dev.tessera.user.User;
import dev.tessera.user.UserId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * The whole authorization code flow in a real headless Chromium (Debian's {@code /usr/bin/chromium},
 * driven by Playwright, which never downloads a browser): sign-in page, a wrong then the right
 * password, consent, callback, token, userinfo and RP-initiated logout.
 * Spec: RFC 6749 §4.1; RFC 7636; RFC 9207; OIDC Core §3.1 and §5.3; OIDC RP-Initiated Logout 1.0; CONTRACT §4.
 */
@Tag("e2e")
class CodeFlowChromiumE2eTest extends SpecTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String TENANT = "e2e";
    static final String USERNAME = "alice";
    static final String PASSWORD = "correct horse battery staple";
    static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final List<String> browserProblems = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failedResponses = Collections.synchronizedList(new ArrayList<>());
    private HttpServer relyingParty;
    private String callbackUri;
    private String loggedOutUri;
    private RegisteredClient client;
    private Playwright playwright;
    private BrowserContext browser;
    private Path profile;

    /** Prints what the browser logged when the test fails (a Playwright timeout alone rarely says why). */
    @RegisterExtension
    final TestWatcher diagnosis = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browserProblems.forEach(p -> System.out.println("[chromium] " + p));
            failedResponses.forEach(r -> System.out.println("[chromium] response " + r));
        }
    };

    /** Skips (never fails) where Debian's chromium is not installed; reported per test, with this message. */
    @BeforeEach
    void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) System.out.println("[tessera] e2e: " + CHROMIUM + " is missing; the Chromium test is skipped");
        assumeTrue(Files.isExecutable(CHROMIUM), "Skipped: " + CHROMIUM + " is missing (apt-get install chromium; .ci/run does)");
    }

    @BeforeAll
    void setUp() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) return;                                 // requireChromium() skips the test
        createTenant(TENANT);
        insertUser();
        relyingParty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relyingParty.createContext("/", exchange -> {
            byte[] page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Relying party</title></head>"
                    + "<body><h1>Relying party " + exchange.getRequestURI().getPath() + "</h1></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        relyingParty.start();
        String rp = "http://127.0.0.1:" + relyingParty.getAddress().getPort();
        callbackUri = rp + "/callback";
        loggedOutUri = rp + "/logged-out";
        client = register(TENANT, "{\"client_name\":\"E2E Web App\",\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                + "\"redirect_uris\":[\"" + callbackUri + "\"],\"post_logout_redirect_uris\":[\"" + loggedOutUri + "\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\",\"scope\":\"openid profile email\","
                + "\"consent_required\":true}");

        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        profile = Files.createTempDirectory("tessera-e2e-chromium");                 // a fresh user-data dir
        browser = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS).setLocale("en-US")
                .setViewportSize(1000, 760));
        browser.setDefaultTimeout(20_000);
    }

    @AfterAll
    void tearDown() throws java.io.IOException {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (relyingParty != null) relyingParty.stop(0);
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    @DisplayName("CONTRACT §4, RFC 6749 §4.1, OIDC: sign-in, consent, callback, token, userinfo and logout in Chromium")
    void fullCodeFlow() throws Exception {
        Page page = browser.pages().isEmpty() ? browser.newPage() : browser.pages().get(0);
        watch(page);
        String issuer = server.issuer(TENANT);
        String verifier = random(32);
        String state = random(16);
        String nonce = random(16);

        // 1. /authorize shows the sign-in page
        page.navigate(authorizeUrl(issuer, verifier, state, nonce));
        assertThat(page).hasTitle(Pattern.compile("^Sign in"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        screenshot(page, "signin.png");

        // 2. a wrong password shows the form again with the error in role="alert"; the form post carries what the
        //    CSRF check reads: the server's own Origin (not "null": pages use Referrer-Policy same-origin) and
        //    Sec-Fetch-Site same-origin (issue 9 item 3)
        var post = page.waitForRequest(r -> r.method().equals("POST") && r.url().equals(issuer + "/login"),
                () -> signIn(page, "not the password"));
        assertThat(post.allHeaders()).containsEntry("origin", URI.create(issuer).resolve("/").toString().replaceAll("/$", ""))
                .containsEntry("sec-fetch-site", "same-origin");
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Invalid username or password.");
        assertThat(page.getByLabel("Username")).hasValue(USERNAME);
        assertThat(page.getByLabel("Password")).isEmpty();
        screenshot(page, "signin-error.png");

        // 3. the right password leads to the consent page; the session cookie is HttpOnly, SameSite=Lax, tenant-scoped
        signIn(page, PASSWORD);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Allow access?"))).isVisible();
        assertThat(page.getByText("E2E Web App asks for access")).isVisible();
        screenshot(page, "consent.png");
        Cookie session = browser.cookies(issuer + "/").stream().filter(c -> c.name.equals("tessera_session")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie"));
        assertThat(session.httpOnly).isTrue();
        assertThat(session.sameSite).isEqualTo(SameSiteAttribute.LAX);
        assertThat(session.path).isEqualTo("/t/" + TENANT + "/");

        // 4. Allow redirects to the client's callback with code, state and iss (RFC 9207)
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();
        Map<String, String> callback = callback(page, state, issuer);

        // 5. the confidential client redeems the code (RFC 6749 §4.1.3, RFC 7636 §4.5)
        Http.Response token = redeem(callback.get("code"), verifier).expectStatus(200);
        assertThat(token.string("token_type")).isEqualToIgnoringCase("Bearer");
        assertThat(token.string("refresh_token")).isNotBlank();
        assertThat(token.string("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
        String idToken = token.string("id_token");
        var idClaims = SignedJWT.parse(idToken).getJWTClaimsSet();
        assertThat(idClaims.getIssuer()).isEqualTo(issuer);
        assertThat(idClaims.getAudience()).containsExactly(client.clientId());
        assertThat(idClaims.getStringClaim("nonce")).isEqualTo(nonce);
        assertThat(idClaims.getStringClaim("sid")).isNotBlank();

        // 6. userinfo with the access token (OIDC Core §5.3)
        Map<String, Object> userInfo = http.get("/t/" + TENANT + "/userinfo").bearer(token.string("access_token")).send()
                .expectStatus(200).json();
        assertThat(userInfo).containsEntry("sub", idClaims.getSubject()).containsEntry("preferred_username", USERNAME)
                .containsEntry("email", "alice@example.com").containsEntry("given_name", "Alice");

        // 6a. codes are single use: a replay fails and revokes what the code gave (RFC 6749 §4.1.2)
        redeem(callback.get("code"), verifier).expectStatus(400).expectError("invalid_grant");
        http.get("/t/" + TENANT + "/userinfo").bearer(token.string("access_token")).send().expectStatus(401);

        // 7. RP-initiated logout with id_token_hint ends the session and redirects with state, without a question
        String logoutState = random(12);
        page.navigate(issuer + "/logout?id_token_hint=" + enc(idToken) + "&post_logout_redirect_uri=" + enc(loggedOutUri)
                + "&state=" + enc(logoutState));
        page.waitForURL(url -> url.startsWith(loggedOutUri));
        assertThat(query(page.url())).containsExactly(Map.entry("state", logoutState));
        assertThat(browser.cookies(issuer + "/")).noneMatch(c -> c.name.equals("tessera_session"));

        // 8. a new authorization request asks for the password again; consent is remembered, so the
        //    sign-in POST itself redirects to the callback
        String verifier2 = random(32);
        String state2 = random(16);
        page.navigate(authorizeUrl(issuer, verifier2, state2, random(16)));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        assertThat(page.getByLabel("Password")).isEmpty();
        signIn(page, PASSWORD);
        redeem(callback(page, state2, issuer).get("code"), verifier2).expectStatus(200);

        // 9. logout without id_token_hint asks first; "Sign out" ends the session and redirects
        String logoutState2 = random(12);
        page.navigate(issuer + "/logout?client_id=" + enc(client.clientId()) + "&post_logout_redirect_uri=" + enc(loggedOutUri)
                + "&state=" + enc(logoutState2));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign out?"))).isVisible();
        screenshot(page, "logout.png");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.waitForURL(url -> url.startsWith(loggedOutUri));
        assertThat(query(page.url())).containsExactly(Map.entry("state", logoutState2));
        assertThat(browser.cookies(issuer + "/")).noneMatch(c -> c.name.equals("tessera_session"));

        // no JavaScript error, no CSP violation, no failed request (a wrong password re-renders the form with 200)
        assertThat(failedResponses).isEmpty();
        assertThat(browserProblems).isEmpty();
    }

    /** Records console errors and warnings (CSP violations are errors), uncaught exceptions and failed responses. */
    private void watch(Page page) {
        page.onConsoleMessage(m -> {
            if (m.type().equals("error") || m.type().equals("warning")) browserProblems.add(m.type() + ": " + m.text() + " @ " + m.location());
        });
        page.onPageError(e -> browserProblems.add("page error: " + e));
        page.onResponse(r -> {
            if (r.status() >= 400) failedResponses.add(r.request().method() + " " + r.url() + " " + r.status());
        });
    }

    /** Fills the inputs labelled "Username" and "Password" and clicks "Sign in" (CONTRACT §4). */
    private static void signIn(Page page, String password) {
        page.getByLabel("Username").fill(USERNAME);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    /** Waits for the relying party's callback page and returns its parameters: exactly code, state and iss. */
    private Map<String, String> callback(Page page, String state, String issuer) {
        page.waitForURL(url -> url.startsWith(callbackUri + "?"));
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Relying party /callback");
        Map<String, String> params = query(page.url());
        assertThat(params).containsOnlyKeys("code", "state", "iss");
        assertThat(params.get("state")).isEqualTo(state);
        assertThat(params.get("iss")).isEqualTo(issuer);
        return params;
    }

    private Http.Response redeem(String code, String verifier) {
        return http.post("/t/" + TENANT + "/token").basicAuth(client.clientId(), client.clientSecret())
                .form("grant_type", "authorization_code", "code", code, "redirect_uri", callbackUri, "code_verifier", verifier)
                .send();
    }

    private static void screenshot(Page page, String name) throws java.io.IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "e2e");
        Files.createDirectories(dir);
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
    }

    private String authorizeUrl(String issuer, String verifier, String state, String nonce) throws Exception {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return issuer + "/authorize?response_type=code&client_id=" + enc(client.clientId()) + "&redirect_uri=" + enc(callbackUri)
                + "&scope=" + enc("openid profile email") + "&state=" + enc(state) + "&nonce=" + enc(nonce)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private void insertUser() {
        Instant now = server.clock.instant();
        Map<String, Object> resource = Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", USERNAME, "name", Map.of("givenName", "Alice", "familyName", "Example", "formatted", "Alice Example"),
                "emails", List.of(Map.of("value", "alice@example.com", "primary", true)), "active", true);
        User user = new User(new UserId(UUID.randomUUID().toString()), USERNAME, null, true, new PasswordHasher().hash(PASSWORD),
                resource, 1, now, now);
        assertThat(new JdbcUserRepository(server.tessera.database().jdbc()).insert(new TenantId(TENANT), user)).isTrue();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> m = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        if (q == null) return m;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String prev = m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            if (prev != null) throw new AssertionError("repeated parameter in " + url);
        }
        return m;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
