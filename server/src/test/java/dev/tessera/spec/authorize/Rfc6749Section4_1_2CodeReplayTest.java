package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A replayed authorization code revokes the tokens issued from it (RFC 6749 §4.1.2 "SHOULD revoke
 * (when possible) all tokens previously issued based on that authorization code"; RFC 9700 §4.2.4),
 * whatever their format and however the replay is timed against the first redemption. The exact
 * interleavings are pinned in {@code dev.tessera.grant.Rfc6749Section4_1_2CodeReplayRaceContract};
 * see also {@link Rfc6749Section4_1_3CodeGrantTest} for the sequential opaque case.
 */
@Tag("rfc6749")
class Rfc6749Section4_1_2CodeReplayTest extends FlowSpecTest {
    private static final int RACERS = 6;

    @Test
    @DisplayName("RFC 6749 §4.1.2: a replayed code revokes the first redemption's JWT access token and refresh token")
    void replay_revokesJwtAccessTokenAndRefreshToken() {
        String t = freshTenant("replay");
        RegisteredClient c = publicClient(t, "\"access_token_format\":\"jwt\"");
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("scope", "openid offline_access");
        String code = authorize(browser(), req, "alice");
        Tokens first = new Tokens(redeem(req, code).expectStatus(200).json());
        assertThat(first.accessToken().split("\\.")).hasSize(3);
        assertThat(active(t, first.accessToken())).isTrue();

        redeem(req, code).expectStatus(400).expectError("invalid_grant").expectHeader("Cache-Control", "no-store");

        assertThat(active(t, first.accessToken())).as("JWT access token of the replayed code").isFalse();
        refresh(t, c, first.refreshToken()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: of concurrent redemptions of one code at most one gets tokens, and those end up revoked")
    void concurrentRedemptions_leaveNoActiveToken() throws Exception {
        String t = freshTenant("replay");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        for (int round = 0; round < 3; round++) {
            AuthRequest req = authRequest(t, c).set("scope", "openid offline_access");
            String code = authorize(browser(), req, "alice");
            List<Http.Response> answers = race(() -> redeem(req, code));

            List<Http.Response> ok = answers.stream().filter(r -> r.status() == 200).toList();
            assertThat(ok).as("winners of round " + round).hasSizeLessThanOrEqualTo(1);
            answers.stream().filter(r -> r.status() != 200).forEach(r -> r.expectStatus(400).expectError("invalid_grant"));
            for (Http.Response r : ok) {
                Tokens issued = new Tokens(r.json());
                assertThat(active(t, issued.accessToken())).as("access token of a replayed code, round " + round).isFalse();
                refresh(t, c, issued.refreshToken()).expectStatus(400).expectError("invalid_grant");
            }
        }
    }

    /** Sends {@value #RACERS} copies of one request released together by a start gate. */
    private static List<Http.Response> race(java.util.function.Supplier<Http.Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return request.get();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<Http.Response> out = new ArrayList<>();
            for (Future<Http.Response> f : futures) out.add(f.get(60, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
