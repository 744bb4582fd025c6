package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Setting;
import dev.tessera.testing.Browser;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * When every password-check slot is taken and the queue is full, the sign-in form answers "try
 * again" (503, {@code Retry-After: 1}, the form with an alert) instead of waiting, and counts no
 * failure; machine traffic is not queued behind it. Spec: CONTRACT §4; issue 9 item 6; RFC 9110 §15.6.4, §10.2.3.
 */
@Tag("contract")
class Contract4SignInBusyTest extends FlowSpecTest {
    @Override
    protected Map<Setting, String> serverSettings() {
        return Map.of(Setting.PASSWORD_HASH_CONCURRENCY, "1", Setting.PASSWORD_HASH_QUEUE, "0");
    }

    private void whileHashingIsBusy(Runnable body) throws Exception {
        whileBusy(server.tessera.hashingGate(), body);
    }

    /** Runs {@code body} while the gate's only permit is held by a check that waits for it. */
    private static void whileBusy(dev.tessera.user.HashingGate gate, Runnable body) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> holder = CompletableFuture.runAsync(() -> gate.check(() -> {
            running.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            body.run();
        } finally {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("CONTRACT §4: with hashing saturated the sign-in form answers 503 with Retry-After and a try-again alert; then it works")
    void saturatedHashing_answersTryAgain() throws Exception {
        String t = freshTenant("busy");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        RegisteredClient service = serviceClient(t, "opaque");
        AuthRequest req = authRequest(t, c);
        Browser b = browser();
        Browser.Form form = b.get(req.path()).expectStatus(200).form();
        whileHashingIsBusy(() -> {
            Browser.Page busy = form.set("username", "alice").set("password", PASSWORD).submit("Sign in");
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(busy.alert()).containsIgnoringCase("try again");
            assertThat(busy.form().fields).as("the form again").containsKeys("username", "password");
            assertThat(busy.location()).isNull();
            clientCredentialsToken(t, service);   // machine traffic does not wait for the gate
        });
        codeOf(signIn(b.get(req.path()), "alice", PASSWORD), req);
    }

    @Test
    @DisplayName("Issue 9 item 6: with every browser-interaction slot taken, /authorize answers a 503 try-again page; /token is not queued")
    void saturatedBrowserLane_answersTryAgain_tokenEndpointUnaffected() throws Exception {
        String t = freshTenant("busy");
        RegisteredClient c = publicClient(t);
        RegisteredClient service = serviceClient(t, "opaque");
        AuthRequest req = authRequest(t, c);
        whileBusy(server.tessera.browserLane(), () -> {
            clientCredentialsToken(t, service);
            Browser.Page busy = browser().get(req.path());   // waits its 2 s in the queue, then gives up
            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(busy.alert()).containsIgnoringCase("try again");
        });
        assertThat(browser().get(req.path()).status()).as("the sign-in form once a slot is free").isEqualTo(200);
    }

    @Test
    @DisplayName("CONTRACT §4: a refused-as-busy attempt is no failure: five of them do not throttle the account")
    void busyAttempts_countNoFailure() throws Exception {
        String t = freshTenant("busy");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        whileHashingIsBusy(() -> {
            for (int i = 1; i <= 6; i++) {
                assertThat(signIn(browser().get(req.path()), "alice", "wrong-" + i).status()).isEqualTo(503);
            }
        });
        codeOf(signIn(browser().get(req.path()), "alice", PASSWORD), req);
        assertThat(events(t, "signin.busy")).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    }

    @Test
    @DisplayName("Issue 9 item 6: a client that trickles its sign-in body holds no browser-interaction slot; others are served")
    void slowSender_holdsNoSlot() throws Exception {
        String t = freshTenant("busy");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c);
        java.net.URI base = java.net.URI.create(server.baseUrl);
        try (java.net.Socket slow = new java.net.Socket(base.getHost(), base.getPort())) {
            var out = slow.getOutputStream();
            out.write(("POST /t/" + t + "/login HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nusername=al")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            // the lane has one slot (concurrency 1); the trickling request must not be holding it
            for (int i = 0; i < 3; i++) {
                assertThat(browser().get(req.path()).status()).as("the sign-in form while a body trickles in").isEqualTo(200);
            }
        }
    }
}
