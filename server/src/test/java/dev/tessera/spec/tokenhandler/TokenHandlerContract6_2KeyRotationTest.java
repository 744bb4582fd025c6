package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rotation of an app's cookie key ({@code POST /admin/v1/tenants/{T}/token-handlers/{app}/keys/rotate}):
 * the new key seals from then on; the previous key still opens cookies for one cookie lifetime (the
 * longest cookie's), then is dropped. Tenant: access tokens 60 s, refresh families 600 s, so the longest
 * cookie lives 600 s. Spec: CONTRACT §6.2.
 */
@Tag("contract6")
class TokenHandlerContract6_2KeyRotationTest extends TokenHandlerSpecTest {
    private static final String SHORT = "\"accessTokenTtlSeconds\":60,\"refreshTokenIdleTtlSeconds\":600,\"refreshTokenMaxTtlSeconds\":600";

    private Setup shortLived() {
        String t = freshTenant("th-rotate", SHORT);
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        putApp(t, APP, appJson(c.clientId(), PREFIX)).expectStatus(201);
        return new Setup(t, c, APP, PREFIX);
    }

    private void rotate(Setup s) {
        http.post("/admin/v1/tenants/" + s.tenant() + "/token-handlers/" + s.app() + "/keys/rotate").bearer(adminToken())
                .send().expectStatus(204);
    }

    private static String kid(String cookie) {
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(Base64.getUrlDecoder().decode(cookie), 1, 9));
    }

    private long keyRows(Setup s) {
        return server.tessera.database().jdbc().queryOne("SELECT COUNT(*) FROM token_handler_keys WHERE tenant_id = ?",
                rs -> rs.getLong(1), s.tenant()).orElseThrow();
    }

    @Test
    @DisplayName("CONTRACT §6.2: after a rotation old cookies still open; refresh and new logins seal with the new key")
    void rotation_oldCookiesStillOpen_newOnesUseTheNewKey() {
        Setup s = shortLived();
        Spa spa = loggedIn(s);
        String oldKid = kid(spa.cookie("-auth"));
        rotate(s);
        spa.get("/claims").expectStatus(200);
        spa.get("/userinfo").expectStatus(200);
        spa.send("POST", "/refresh", null, spa.csrf).expectStatus(204);
        assertThat(kid(spa.cookie("-at"))).isNotEqualTo(oldKid);
        assertThat(kid(spa.cookie("-auth"))).isNotEqualTo(oldKid);
        assertThat(kid(spa.cookie("-csrf"))).as("not rewritten by refresh").isEqualTo(oldKid);
        spa.send("POST", "/refresh", null, spa.csrf).expectStatus(204);        // the old CSRF cookie still opens
        Spa fresh = loggedIn(s);
        assertThat(kid(fresh.cookie("-csrf"))).isEqualTo(kid(spa.cookie("-at"))).isNotEqualTo(oldKid);
        assertThat(events(s.tenant(), "token_handler.keys_rotated")).hasSize(1);
    }

    @Test
    @DisplayName("CONTRACT §6.2: the previous key opens cookies for one cookie lifetime after the rotation, not after; then it is dropped")
    void previousKey_opensForOneCookieLifetime_thenIsDropped() {
        Setup s = shortLived();
        Spa spa = loggedIn(s);                              // sealed with key 1 just before the rotation
        rotate(s);
        server.clock.advance(Duration.ofSeconds(598));      // within the old cookies' lifetime
        spa.get("/claims").expectStatus(200);
        spa.send("POST", "/refresh", null, spa.csrf).expectStatus(204);
        Spa copy = spa(s);
        copy.setCookie("-id", spa.cookie("-id"));
        copy.get("/claims").expectStatus(200);               // sealed with key 2 by that refresh
        server.clock.advance(Duration.ofSeconds(4));        // one cookie lifetime after the rotation has passed
        spa.send("POST", "/refresh", null, spa.csrf).expectError(401, "unauthorized_request");  // key-1 CSRF cookie
        assertThat(keyRows(s)).isEqualTo(2);
        rotate(s);
        assertThat(keyRows(s)).as("key 1 dropped; key 2 retiring; key 3 current").isEqualTo(2);
        copy.get("/claims").expectStatus(200);               // key 2 still opens
    }

    @Test
    @DisplayName("CONTRACT §6.2: rotating the keys of an unknown app → 404; without an admin token → 401")
    void rotation_errors() {
        Setup s = shortLived();
        http.post("/admin/v1/tenants/" + s.tenant() + "/token-handlers/nope/keys/rotate").bearer(adminToken()).send()
                .expectStatus(404);
        http.post("/admin/v1/tenants/" + s.tenant() + "/token-handlers/" + APP + "/keys/rotate").send().expectStatus(401);
        http.post("/admin/v1/tenants/nope-nope/token-handlers/" + APP + "/keys/rotate").bearer(adminToken()).send()
                .expectStatus(404);
        assertThat(List.of(keyRows(s))).containsExactly(1L);
    }
}
