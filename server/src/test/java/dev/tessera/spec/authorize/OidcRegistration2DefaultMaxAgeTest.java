package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import dev.tessera.testing.Http;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * OIDC Registration §2 {@code default_max_age}: an integer number of seconds (0 to one year here),
 * applied to the client's authorization requests like {@code max_age}, which overrides it (OIDC Core
 * §3.1.2.1); and {@code max_age} itself is ASCII digits only.
 */
@Tag("oidc")
class OidcRegistration2DefaultMaxAgeTest extends FlowSpecTest {

    @Test
    @DisplayName("OIDC Registration §2: default_max_age exceeded forces sign-in; prompt=none then gives login_required")
    void defaultMaxAge_isApplied() {
        String t = freshTenant("dma");
        RegisteredClient c = publicClient(t, "\"default_max_age\":60");
        assertThat(((Number) c.metadata().get("default_max_age")).longValue()).isEqualTo(60);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        AuthRequest within = authRequest(t, c);
        codeOf(b.get(within.path()), within);
        server.clock.advance(Duration.ofSeconds(120));
        AuthRequest silent = authRequest(t, c).set("prompt", "none");
        errorOf(b.get(silent.path()), silent, "login_required");
        AuthRequest exceeded = authRequest(t, c);
        Browser.Page page = b.get(exceeded.path()).expectStatus(200);
        assertThat(page.form().fields).containsKey("password");
        codeOf(signIn(page, "alice", PASSWORD), exceeded);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: a max_age in the request overrides the client's default_max_age")
    void requestMaxAge_overridesDefault() {
        String t = freshTenant("dma");
        RegisteredClient c = publicClient(t, "\"default_max_age\":60");
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        server.clock.advance(Duration.ofSeconds(120));
        AuthRequest longer = authRequest(t, c).set("max_age", "600");
        codeOf(b.get(longer.path()), longer);
    }

    @Test
    @DisplayName("OIDC Registration §2: without default_max_age a session of any age answers")
    void withoutDefault_sessionAnswers() {
        String t = freshTenant("dma");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        authorize(b, authRequest(t, c), "alice");
        server.clock.advance(Duration.ofSeconds(1200));
        AuthRequest req = authRequest(t, c).set("prompt", "none");
        codeOf(b.get(req.path()), req);
    }

    @Test
    @DisplayName("OIDC Registration §2: default_max_age overflowing, negative, fractional, a string or above a year → 400")
    void malformedDefaultMaxAge_isRefused() {
        String t = freshTenant("dma");
        for (String v : new String[] {"1e100", "1" + "0".repeat(100), "-1", "1.5", "\"60\"", "31536001", "9223372036854775808",
                "60.0", "true", "[60]"}) {
            Http.Response r = http.post("/t/" + t + "/register").bearer(adminToken())
                    .json("{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\"" + REDIRECT
                            + "\"],\"token_endpoint_auth_method\":\"none\",\"default_max_age\":" + v + "}").send();
            r.expectStatus(400).expectError("invalid_client_metadata");
            assertThat(r.string("error_description")).as(v).contains("default_max_age");
        }
        publicClient(t, "\"default_max_age\":0");
        publicClient(t, "\"default_max_age\":31536000");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: max_age with a sign, other scripts' digits, spaces or beyond 2^31-1 → invalid_request")
    void maxAgeNotAsciiDigits_isInvalidRequest() {
        String t = freshTenant("dma");
        RegisteredClient c = publicClient(t);
        for (String v : new String[] {"+60", "\u0666\u0660", "\uff16\uff10", " 60", "60 ", "2147483648", "9223372036854775807"}) {
            AuthRequest req = authRequest(t, c).set("max_age", v);
            errorOf(browser().get(req.path()), req, "invalid_request");
        }
        AuthRequest max = authRequest(t, c).set("max_age", "2147483647");
        assertThat(browser().get(max.path()).status()).isEqualTo(200);   // the sign-in page
    }
}
