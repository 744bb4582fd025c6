package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The token handler's Origin and CSRF rules and its CORS: a request carrying {@code Origin} must carry a
 * trusted one; data-changing requests need a trusted {@code Origin}, and (but for login/start and
 * login/end) {@code x-{prefix}-csrf} equal to the CSRF cookie; CORS answers the app's origins only.
 * Spec: CONTRACT §6.2; Fetch §3.2 (CORS protocol); OWASP CSRF cheat sheet.
 */
@Tag("contract6")
class TokenHandlerContract6_2OriginCsrfTest extends TokenHandlerSpecTest {
    private static final String EVIL = "https://evil.example";

    @Test
    @DisplayName("CONTRACT §6.2: POST without Origin → 401 unauthorized_request (login/start, login/end, refresh, logout)")
    void postWithoutOrigin_isRefused() {
        Setup s = setup("th-origin");
        Spa spa = loggedIn(s);
        spa.origin = null;
        spa.send("POST", "/login/start", null, null).expectError(401, "unauthorized_request");
        spa.send("POST", "/login/end", "{\"pageUrl\":\"" + ORIGIN + "/\"}", null).expectError(401, "unauthorized_request");
        spa.send("POST", "/refresh", null, spa.csrf).expectError(401, "unauthorized_request");
        spa.send("POST", "/logout", null, spa.csrf).expectError(401, "unauthorized_request");
        assertThat(events(s.tenant(), "token_handler.request_refused")).hasSize(4);
    }

    @Test
    @DisplayName("CONTRACT §6.2: an untrusted Origin → 401 unauthorized_request without CORS headers, on GET and POST alike")
    void untrustedOrigin_isRefused() {
        Setup s = setup("th-origin");
        Spa spa = loggedIn(s);
        spa.origin = EVIL;
        for (Spa.Reply r : new Spa.Reply[] {spa.get("/userinfo"), spa.get("/claims"),
            spa.send("POST", "/login/start", null, null), spa.send("POST", "/refresh", null, spa.csrf)}) {
            r.expectError(401, "unauthorized_request");
            assertThat(r.header("Access-Control-Allow-Origin")).isNull();
            assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
        }
        spa.origin = "null";                                  // an opaque origin (sandboxed frame, file:)
        spa.get("/userinfo").expectError(401, "unauthorized_request");
        spa.origin = ORIGIN + ":443";                         // not the exact serialisation browsers send
        spa.get("/userinfo").expectError(401, "unauthorized_request");
    }

    @Test
    @DisplayName("CONTRACT §6.2: GET without Origin (same-origin navigation) is allowed; with the trusted Origin too")
    void getWithoutOrigin_isAllowed() {
        Setup s = setup("th-origin");
        Spa spa = loggedIn(s);
        spa.origin = null;
        spa.get("/userinfo").expectStatus(200);
        spa.origin = ORIGIN;
        spa.get("/claims").expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §6.2: refresh and logout without the CSRF header, or with a wrong one → 401 unauthorized_request; nothing changes")
    void missingOrWrongCsrf_isRefused() {
        Setup s = setup("th-origin");
        Spa spa = loggedIn(s);
        Map<String, String> before = Map.copyOf(spa.jar);
        spa.send("POST", "/refresh", null, null).expectError(401, "unauthorized_request");
        spa.send("POST", "/refresh", null, spa.csrf + "x").expectError(401, "unauthorized_request");
        spa.send("POST", "/logout", null, null).expectError(401, "unauthorized_request");
        spa.send("POST", "/logout", null, "").expectError(401, "unauthorized_request");
        // the sealed cookie value is not the token the SPA must echo
        spa.send("POST", "/logout", null, spa.cookie("-csrf")).expectError(401, "unauthorized_request");
        assertThat(spa.jar).isEqualTo(before);
        spa.get("/userinfo").expectStatus(200);
        spa.send("POST", "/refresh", null, spa.csrf).expectStatus(204);
    }

    @Test
    @DisplayName("CONTRACT §6.2: the CSRF header of another session does not fit this session's CSRF cookie")
    void csrfOfAnotherSession_isRefused() {
        Setup s = setup("th-origin");
        Spa mine = loggedIn(s);
        Spa theirs = loggedIn(s);
        mine.send("POST", "/refresh", null, theirs.csrf).expectError(401, "unauthorized_request");
    }

    @Test
    @DisplayName("CONTRACT §6.2: login/start and login/end need the trusted Origin but no CSRF header")
    void loginNeedsNoCsrf() {
        Setup s = setup("th-origin");
        Spa spa = spa(s);
        spa.send("POST", "/login/start", null, null).expectStatus(200);
        spa.send("POST", "/login/end", "{\"pageUrl\":\"" + ORIGIN + "/\"}", null).expectStatus(200);
    }

    @Test
    @DisplayName("Fetch §3.2.3: a preflight from a trusted origin → 204 with Allow-Origin, Allow-Credentials, methods, the CSRF header, Vary: Origin")
    void preflight_trustedOrigin() {
        Setup s = setup("th-origin");
        Spa spa = spa(s);
        for (String path : new String[] {"/login/start", "/login/end", "/userinfo", "/claims", "/refresh", "/logout"}) {
            Spa.Reply r = spa.send("OPTIONS", path, null, null, Map.of("Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "content-type,x-th-csrf")).expectStatus(204);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(r.header("Access-Control-Allow-Methods")).contains("GET").contains("POST");
            assertThat(r.header("Access-Control-Allow-Headers")).containsIgnoringCase("content-type").contains("x-th-csrf");
            assertThat(r.header("Vary")).contains("Origin");
        }
    }

    @Test
    @DisplayName("Fetch §3.2.3: a preflight from an untrusted or no origin → 401 unauthorized_request without CORS headers; an unknown path → 404")
    void preflight_untrustedOrigin() {
        Setup s = setup("th-origin");
        Spa spa = spa(s);
        spa.origin = EVIL;
        Spa.Reply r = spa.send("OPTIONS", "/refresh", null, null, Map.of("Access-Control-Request-Method", "POST"))
                .expectError(401, "unauthorized_request");
        assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
        spa.origin = null;
        spa.send("OPTIONS", "/refresh", null, null).expectError(401, "unauthorized_request");
        spa.origin = ORIGIN;
        spa.send("OPTIONS", "/nope", null, null).expectError(404, "not_found");
    }

    @Test
    @DisplayName("CONTRACT §6.2: answers to the trusted origin carry Allow-Origin and Allow-Credentials, errors included, and Vary: Origin")
    void corsOnActualResponses() {
        Setup s = setup("th-origin");
        Spa spa = spa(s);
        Spa.Reply ok = spa.send("POST", "/login/start", null, null).expectStatus(200);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
        assertThat(ok.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(ok.header("Vary")).contains("Origin");
        Spa.Reply error = spa.send("POST", "/refresh", null, null).expectError(401, "unauthorized_request");
        assertThat(error.header("Access-Control-Allow-Origin")).as("the SPA can read the 401").isEqualTo(ORIGIN);
        Spa.Reply expired = spa.get("/userinfo").expectError(401, "session_expired");
        assertThat(expired.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }
}
