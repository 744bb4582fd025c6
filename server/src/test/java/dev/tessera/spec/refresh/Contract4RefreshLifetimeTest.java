package dev.tessera.spec.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Users;
import dev.tessera.user.UserId;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How long refresh tokens live: idle and absolute lifetimes from the tenant settings, bound to the
 * sign-in session unless offline_access was granted, and ending with the user's deactivation.
 * Spec: CONTRACT §3, §4, §7 (refreshTokenIdleTtlSeconds, refreshTokenMaxTtlSeconds); OIDC Core §11;
 * RFC 9700 §4.14.2 (expiry); OIDC RP-Initiated Logout §2.
 */
@Tag("contract")
class Contract4RefreshLifetimeTest extends FlowSpecTest {

    private String tenantWith(String members) {
        return freshTenant("rt-life", members);
    }

    @Test
    @DisplayName("CONTRACT §7: a refresh token unused for refreshTokenIdleTtlSeconds → invalid_grant")
    void idleLifetime_expires() {
        String t = tenantWith("\"refreshTokenIdleTtlSeconds\":120,\"refreshTokenMaxTtlSeconds\":3600");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c).set("scope", "openid offline_access"), "alice");
        server.clock.advance(Duration.ofSeconds(121));
        refresh(t, c, first.refreshToken()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("CONTRACT §7: each rotation starts a new idle period")
    void rotation_restartsIdlePeriod() {
        String t = tenantWith("\"refreshTokenIdleTtlSeconds\":120,\"refreshTokenMaxTtlSeconds\":3600");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        String rt = tokens(browser(), authRequest(t, c).set("scope", "openid offline_access"), "alice").refreshToken();
        for (int i = 0; i < 4; i++) {
            server.clock.advance(Duration.ofSeconds(100));
            rt = refresh(t, c, rt).expectStatus(200).string("refresh_token");
        }
    }

    @Test
    @DisplayName("CONTRACT §7: the family dies at refreshTokenMaxTtlSeconds after sign-in, however often it rotates")
    void absoluteLifetime_endsTheFamily() {
        String t = tenantWith("\"refreshTokenIdleTtlSeconds\":120,\"refreshTokenMaxTtlSeconds\":300");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        String rt = tokens(browser(), authRequest(t, c).set("scope", "openid offline_access"), "alice").refreshToken();
        server.clock.advance(Duration.ofSeconds(100));
        rt = refresh(t, c, rt).expectStatus(200).string("refresh_token");
        server.clock.advance(Duration.ofSeconds(100));
        rt = refresh(t, c, rt).expectStatus(200).string("refresh_token");
        server.clock.advance(Duration.ofSeconds(100));
        refresh(t, c, rt).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("CONTRACT §7: the expires_in of refreshed access tokens follows accessTokenTtlSeconds")
    void accessTokenLifetime_fromTenant() {
        String t = tenantWith("\"accessTokenTtlSeconds\":90");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        assertThat(first.json()).containsEntry("expires_in", 90L);
        assertThat(refresh(t, c, first.refreshToken()).expectStatus(200).json()).containsEntry("expires_in", 90L);
    }

    @Test
    @DisplayName("CONTRACT §4: without offline_access the refresh token dies with the session (logout)")
    void withoutOfflineAccess_logoutEndsRefresh() {
        String t = freshTenant("rt-life");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c).set("scope", "openid"), "alice");
        String rt = refresh(t, c, tokens.refreshToken()).expectStatus(200).string("refresh_token");
        b.get("/t/" + t + "/logout?id_token_hint=" + enc(tokens.idToken())).expectStatus(200);
        refresh(t, c, rt).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("CONTRACT §4 / OIDC Core §11: with offline_access the refresh token survives logout")
    void offlineAccess_survivesLogout() {
        String t = freshTenant("rt-life");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Tokens tokens = tokens(b, authRequest(t, c).set("scope", "openid offline_access"), "alice");
        b.get("/t/" + t + "/logout?id_token_hint=" + enc(tokens.idToken())).expectStatus(200);
        AuthRequest probe = authRequest(t, c).set("prompt", "none");
        errorOf(b.get(probe.path()), probe, "login_required");            // the session did end
        refresh(t, c, tokens.refreshToken()).expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §4: without offline_access the refresh token dies when the session times out")
    void withoutOfflineAccess_sessionTimeoutEndsRefresh() {
        String t = tenantWith("\"sessionIdleTtlSeconds\":300,\"sessionMaxTtlSeconds\":600");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens online = tokens(browser(), authRequest(t, c).set("scope", "openid"), "alice");
        Tokens offline = tokens(browser(), authRequest(t, c).set("scope", "openid offline_access"), "alice");
        server.clock.advance(Duration.ofSeconds(601));
        refresh(t, c, online.refreshToken()).expectStatus(400).expectError("invalid_grant");
        refresh(t, c, offline.refreshToken()).expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §4: refreshing keeps the sign-in session alive (activity), within its absolute lifetime")
    void refresh_keepsSessionAlive() {
        String t = tenantWith("\"sessionIdleTtlSeconds\":300,\"sessionMaxTtlSeconds\":3600");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        String rt = tokens(b, authRequest(t, c).set("scope", "openid"), "alice").refreshToken();
        for (int i = 0; i < 4; i++) {
            server.clock.advance(Duration.ofSeconds(200));
            rt = refresh(t, c, rt).expectStatus(200).string("refresh_token");
        }
        AuthRequest silent = authRequest(t, c).set("prompt", "none");
        codeOf(b.get(silent.path()), silent);
    }

    @Test
    @DisplayName("CONTRACT §3: a user set active=false can no longer refresh (offline tokens included)")
    void inactiveUser_cannotRefresh() {
        String t = freshTenant("rt-life");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice");
        Tokens online = tokens(browser(), authRequest(t, c).set("scope", "openid"), "alice");
        Tokens offline = tokens(browser(), authRequest(t, c).set("scope", "openid offline_access"), "alice");
        Users.setActive(server, t, alice, false);
        refresh(t, c, online.refreshToken()).expectStatus(400).expectError("invalid_grant");
        refresh(t, c, offline.refreshToken()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("Issue 3 item 5: a deleted user can no longer refresh")
    void deletedUser_cannotRefresh() {
        String t = freshTenant("rt-life");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice");
        Tokens offline = tokens(browser(), authRequest(t, c).set("scope", "openid offline_access"), "alice");
        assertThat(Users.delete(server, t, alice)).isTrue();
        refresh(t, c, offline.refreshToken()).expectStatus(400).expectError("invalid_grant");
    }
}
