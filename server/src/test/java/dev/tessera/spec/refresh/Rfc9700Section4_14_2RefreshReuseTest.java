package dev.tessera.spec.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Http;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Refresh token rotation with reuse detection: presenting a rotated refresh token revokes the whole
 * family and raises a security alert. Spec: RFC 9700 §4.14.2; RFC 6749 §10.4; OAuth 2.1 §4.3.1.
 */
@Tag("rfc9700")
class Rfc9700Section4_14_2RefreshReuseTest extends FlowSpecTest {

    @Test
    @DisplayName("RFC 9700 §4.14.2: reuse of a rotated refresh token → invalid_grant and the newest refresh token fails too")
    void reuseOfRotatedToken_revokesFamily() {
        String t = freshTenant("reuse");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        Tokens second = new Tokens(refresh(t, c, first.refreshToken()).expectStatus(200).json());
        refresh(t, c, first.refreshToken()).expectStatus(400).expectError("invalid_grant");
        refresh(t, c, second.refreshToken()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: on reuse every access token of the family becomes inactive")
    void reuse_deactivatesAccessTokens() {
        String t = freshTenant("reuse");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        Tokens second = new Tokens(refresh(t, c, first.refreshToken()).expectStatus(200).json());
        assertThat(active(t, second.accessToken())).isTrue();
        refresh(t, c, first.refreshToken()).expectStatus(400);
        assertThat(active(t, first.accessToken())).isFalse();
        assertThat(active(t, second.accessToken())).isFalse();
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: reuse of a token rotated several generations ago revokes the newest")
    void reuseAfterSeveralRotations_revokesNewest() {
        String t = freshTenant("reuse");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        String rt = first.refreshToken();
        for (int i = 0; i < 3; i++) rt = refresh(t, c, rt).expectStatus(200).string("refresh_token");
        refresh(t, c, first.refreshToken()).expectStatus(400).expectError("invalid_grant");
        refresh(t, c, rt).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: reuse is audited as refresh_token.reuse_detected with security_alert, without token values")
    void reuse_isAuditedAsSecurityAlert() {
        String t = freshTenant("reuse");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        refresh(t, c, first.refreshToken()).expectStatus(200);
        refresh(t, c, first.refreshToken()).expectStatus(400);
        assertThat(events(t, "refresh_token.reuse_detected")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("outcome", "failure").containsEntry("clientId", c.clientId());
            assertThat(details(e)).containsEntry("security_alert", "true").containsEntry("error", "invalid_grant");
        });
        assertThat(events(t).toString()).doesNotContain(first.refreshToken());
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: other families of the same user and client are not affected")
    void otherFamilies_areUnaffected() {
        String t = freshTenant("reuse");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        var b = browser();
        Tokens one = tokens(b, authRequest(t, c), "alice");
        Tokens two = tokens(b, authRequest(t, c), "alice");
        refresh(t, c, one.refreshToken()).expectStatus(200);
        refresh(t, c, one.refreshToken()).expectStatus(400);
        assertThat(active(t, two.accessToken())).isTrue();
        refresh(t, c, two.refreshToken()).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 9700 §4.14.2: two concurrent uses of one refresh token: at most one succeeds, and whatever it got is then revoked")
    void concurrentUse_atMostOneWins() {
        String t = freshTenant("reuse");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        List<CompletableFuture<Http.Response>> calls = List.of(
                CompletableFuture.supplyAsync(() -> refresh(t, c, first.refreshToken())),
                CompletableFuture.supplyAsync(() -> refresh(t, c, first.refreshToken())),
                CompletableFuture.supplyAsync(() -> refresh(t, c, first.refreshToken())));
        List<Http.Response> results = calls.stream().map(CompletableFuture::join).toList();
        assertThat(results).extracting(Http.Response::status).allMatch(s -> s == 200 || s == 400);
        assertThat(results.stream().filter(r -> r.status() == 200)).hasSizeLessThanOrEqualTo(1);
        results.stream().filter(r -> r.status() == 200).forEach(r ->
                refresh(t, c, r.string("refresh_token")).expectStatus(400).expectError("invalid_grant"));
    }
}
