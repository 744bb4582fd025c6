package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Loopback redirect URIs of native apps: any port is accepted at request time, everything else must
 * match exactly. Spec: RFC 8252 §7.3, §8.3; RFC 6749 §3.1.2.3.
 */
@Tag("rfc8252")
class Rfc8252Section7_3LoopbackRedirectTest extends FlowSpecTest {

    private RegisteredClient nativeClient(String t, String redirect) {
        return register(t, "{\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"redirect_uris\":[\"" + redirect
                + "\"],\"token_endpoint_auth_method\":\"none\",\"scope\":\"openid\",\"application_type\":\"native\"}");
    }

    @Test
    @DisplayName("RFC 8252 §7.3: registered http://127.0.0.1/cb, requested on port 51234 → code at that port, redeemable")
    void loopbackAnyPort_isAccepted() {
        String t = freshTenant("loop");
        RegisteredClient c = nativeClient(t, "http://127.0.0.1/cb");
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("redirect_uri", "http://127.0.0.1:51234/cb");
        String code = authorize(browser(), req, "alice");
        redeem(req, code).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 8252 §7.3: the IPv6 loopback [::1] gets the same any-port rule")
    void ipv6LoopbackAnyPort_isAccepted() {
        String t = freshTenant("loop");
        RegisteredClient c = nativeClient(t, "http://[::1]/cb");
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("redirect_uri", "http://[::1]:6000/cb");
        codeOf(signIn(browser().get(req.path()), "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("RFC 8252 §7.3: the port may vary, the path may not → 400 error page")
    void loopbackOtherPath_isRefused() {
        String t = freshTenant("loop");
        RegisteredClient c = nativeClient(t, "http://127.0.0.1/cb");
        Browser.Page page = browser().get(authRequest(t, c).set("redirect_uri", "http://127.0.0.1:51234/other").path());
        page.expectStatus(400);
        assertThat(page.location()).isNull();
    }

    @Test
    @DisplayName("RFC 8252 §8.3: the any-port rule is for loopback IP literals only, not for localhost or other hosts")
    void anyPortNotForOtherHosts() {
        String t = freshTenant("loop");
        RegisteredClient https = register(t, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\"https://app.example/cb\"],"
                + "\"token_endpoint_auth_method\":\"none\"}");
        assertThat(browser().get(authRequest(t, https).set("redirect_uri", "https://app.example:444/cb").path()).status())
                .isEqualTo(400);
        RegisteredClient local = nativeClient(t, "http://localhost:8000/cb");
        assertThat(browser().get(authRequest(t, local).set("redirect_uri", "http://localhost:9000/cb").path()).status())
                .isEqualTo(400);
        RegisteredClient v4 = nativeClient(t, "http://127.0.0.1/cb");
        assertThat(browser().get(authRequest(t, v4).set("redirect_uri", "http://127.0.0.2:51234/cb").path()).status())
                .isEqualTo(400);
        assertThat(browser().get(authRequest(t, v4).set("redirect_uri", "https://127.0.0.1:51234/cb").path()).status())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: the code is bound to the port used in the request")
    void codeBoundToRequestedPort() {
        String t = freshTenant("loop");
        RegisteredClient c = nativeClient(t, "http://127.0.0.1/cb");
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("redirect_uri", "http://127.0.0.1:51234/cb");
        String code = authorize(browser(), req, "alice");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "redirect_uri", "http://127.0.0.1:51235/cb",
                "code_verifier", req.pkce.verifier()).expectStatus(400).expectError("invalid_grant");
    }
}
