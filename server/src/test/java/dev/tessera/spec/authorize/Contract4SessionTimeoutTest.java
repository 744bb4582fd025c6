package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import dev.tessera.testing.Http;
import dev.tessera.testing.TestServer;
import dev.tessera.server.Setting;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Browser sessions end after the tenant's idle and absolute timeouts; cookies are Secure behind an
 * https public URL. Spec: issue 3 item 3; CONTRACT §4, §7; OWASP ASVS V3.3.
 */
@Tag("contract")
class Contract4SessionTimeoutTest extends FlowSpecTest {

    @Test
    @DisplayName("Issue 3 item 3: a session unused for sessionIdleTtlSeconds ends: sign-in is asked again")
    void idleTimeout_endsSession() {
        String t = freshTenant("session", "\"sessionIdleTtlSeconds\":300,\"sessionMaxTtlSeconds\":3600");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        server.clock.advance(Duration.ofSeconds(301));
        AuthRequest req = authRequest(t, c).set("prompt", "none");
        errorOf(b.get(req.path()), req, "login_required");
    }

    @Test
    @DisplayName("Issue 3 item 3: activity restarts the idle period, until sessionMaxTtlSeconds ends the session anyway")
    void activity_extendsUntilAbsoluteTimeout() {
        String t = freshTenant("session", "\"sessionIdleTtlSeconds\":300,\"sessionMaxTtlSeconds\":900");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        for (int i = 0; i < 4; i++) {
            server.clock.advance(Duration.ofSeconds(200));
            AuthRequest req = authRequest(t, c).set("prompt", "none");
            codeOf(b.get(req.path()), req);
        }
        server.clock.advance(Duration.ofSeconds(101));                     // 901 s after sign-in
        AuthRequest req = authRequest(t, c).set("prompt", "none");
        errorOf(b.get(req.path()), req, "login_required");
    }

    @Test
    @DisplayName("Issue 3 item 3: with an https public URL the session and CSRF cookies are Secure __Host- cookies")
    void httpsPublicUrl_makesCookiesSecure() {
        try (TestServer tls = TestServer.start(Map.of(Setting.PUBLIC_URL, "https://login.example"))) {
            Http h = new Http(tls.baseUrl);
            String admin = h.post("/t/system/token").basicAuth(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET)
                    .form("grant_type", "client_credentials", "scope", "admin").send().expectStatus(200).string("access_token");
            h.put("/admin/v1/tenants/sec").bearer(admin).json("{\"displayName\":\"sec\"}").send().expectStatus(201);
            String clientId = h.post("/t/sec/register").bearer(admin).json("{\"grant_types\":[\"authorization_code\"],"
                    + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":\"none\"}").send()
                    .expectStatus(201).string("client_id");
            dev.tessera.testing.Users.create(tls, "sec", "alice", PASSWORD);
            Browser b = new Browser(tls.baseUrl);
            Pkce pkce = Pkce.create();
            Browser.Page page = b.get("/t/sec/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                    + enc(REDIRECT) + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256").expectStatus(200);
            // issue 9 item 3: __Host- names (Secure, Path=/, no Domain), so no sibling subdomain can set them
            assertThat(page.headers("Set-Cookie")).filteredOn(s -> s.startsWith("__Host-tessera_csrf-sec="))
                    .singleElement().satisfies(s -> assertThat(List.of(s.split(";\\s*"))).contains("Secure", "HttpOnly", "Path=/")
                            .noneMatch(x -> x.startsWith("Domain")));
            Browser.Form f = page.form().set("username", "alice").set("password", PASSWORD);
            Browser.Page done = b.post("/t/sec/login", f.fields.entrySet().stream()
                    .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new)).expectStatus(302);
            assertThat(done.headers("Set-Cookie")).filteredOn(s -> s.startsWith("__Host-tessera_session-sec="))
                    .singleElement().satisfies(s -> assertThat(List.of(s.split(";\\s*"))).contains("Secure", "HttpOnly",
                            "SameSite=Lax", "Path=/"));
        }
    }
}
