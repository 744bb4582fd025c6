package dev.tessera.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.authorize.FlowSpecTest.Pkce;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Http;
import dev.tessera.testing.ServerProcess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What was answered survives a crash (issue 9, item 2): tokens are issued and refresh tokens rotated
 * by several threads against a real server process on the embedded store, the process is killed with
 * SIGKILL in the middle of it, and restarted on the same data directory. Every access token answered
 * 200 before the kill must introspect active, and the refresh token each chain had rotated last must
 * be refused (a lost rotation would accept it again, undoing reuse detection).
 */
class Contract1CrashDurabilityTest {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final int TOKEN_THREADS = 3;
    private static final int CHAINS = 4;
    private static final int TOKENS_BEFORE_KILL = 600;
    private static final int ROTATIONS_BEFORE_KILL = 25;

    /** One refresh-token chain: the refresh token now current, and the one its last answered rotation replaced. */
    private static final class Chain {
        volatile String current;
        volatile String lastRotated;
        final AtomicInteger rotations = new AtomicInteger();
    }

    @Test
    @DisplayName("Issue 9 §2: after kill -9, every answered token is active and no rotated refresh token works again")
    void answeredWritesSurviveKill9() throws Exception {
        Path data = Files.createTempDirectory("tessera-crash");
        int port = ServerProcess.freePort();
        List<String> answered;
        List<Chain> chains = new ArrayList<>();
        String clientId;
        String clientSecret;
        try (ServerProcess first = ServerProcess.start(data, port, Map.of(), "--dev")) {
            assertThat(first.awaitReady(READY)).as("first start ready; stderr: %s", first.stderrText()).isTrue();
            Http http = new Http(first.baseUrl);
            String admin = http.post("/t/system/token").basicAuth("tessera-admin", ServerProcess.ADMIN_SECRET)
                    .form("grant_type", "client_credentials", "scope", "admin").send().expectStatus(200).string("access_token");
            Http.Response reg = http.post("/t/demo/register").bearer(admin).json("{\"grant_types\":[\"client_credentials\"],"
                    + "\"scope\":\"read write\",\"access_token_format\":\"opaque\"}").send().expectStatus(201);
            clientId = reg.string("client_id");
            clientSecret = reg.string("client_secret");
            String password = demoPassword(first.stderrText());
            for (int i = 0; i < CHAINS; i++) {
                Chain c = new Chain();
                c.current = signIn(first.baseUrl, http, password);
                chains.add(c);
            }

            Queue<String> tokens = new ConcurrentLinkedQueue<>();
            AtomicInteger tokenCount = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < TOKEN_THREADS; i++) {
                threads.add(started(() -> {
                    while (!stop.get()) {
                        try {
                            Http.Response r = http.post("/t/demo/token").basicAuth(clientId, clientSecret)
                                    .form("grant_type", "client_credentials", "scope", "read").send();
                            if (r.status() == 200) {
                                tokens.add(r.string("access_token"));
                                tokenCount.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            return;       // the server is gone
                        }
                    }
                }));
            }
            for (Chain c : chains) {
                threads.add(started(() -> {
                    while (!stop.get()) {
                        try {
                            Http.Response r = http.post("/t/demo/token").form("grant_type", "refresh_token",
                                    "refresh_token", c.current, "client_id", "demo-spa").send();
                            if (r.status() != 200) return;
                            String next = r.string("refresh_token");
                            c.lastRotated = c.current;
                            c.current = next;
                            c.rotations.incrementAndGet();
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && (tokenCount.get() < TOKENS_BEFORE_KILL
                    || chains.stream().anyMatch(c -> c.rotations.get() < ROTATIONS_BEFORE_KILL))) {
                LockSupport.parkNanos(5_000_000L);    // waiting for load to build up, not for time
            }
            first.kill();   // SIGKILL while the threads are still writing
            stop.set(true);
            for (Thread t : threads) t.join();
            answered = List.copyOf(tokens);
            assertThat(answered).as("tokens issued before the kill").hasSizeGreaterThanOrEqualTo(TOKENS_BEFORE_KILL);
            for (Chain c : chains) assertThat(c.rotations.get()).isGreaterThanOrEqualTo(ROTATIONS_BEFORE_KILL);
        }

        try (ServerProcess second = ServerProcess.start(data, port, Map.of(), "--dev")) {
            assertThat(second.awaitReady(READY)).as("restart ready; stderr: %s", second.stderrText()).isTrue();
            Http http = new Http(second.baseUrl);
            List<String> lost = new ArrayList<>();
            for (String token : answered) {
                Map<String, Object> r = http.post("/t/demo/introspect").basicAuth(clientId, clientSecret)
                        .form("token", token).send().expectStatus(200).json();
                if (!Boolean.TRUE.equals(r.get("active"))) lost.add(token);
            }
            int reaccepted = 0;
            for (Chain c : chains) {
                int status = http.post("/t/demo/token").form("grant_type", "refresh_token", "refresh_token", c.lastRotated,
                        "client_id", "demo-spa").send().status();
                if (status == 200) reaccepted++;
            }
            String figures = lost.size() + " of " + answered.size() + " answered access tokens lost, " + reaccepted + " of "
                    + CHAINS + " chains accept their last rotated refresh token again";
            assertThat(lost.size()).as(figures).isZero();
            assertThat(reaccepted).as(figures).isZero();
            second.process.destroy();
            assertThat(second.awaitExit(Duration.ofSeconds(60))).as("SIGTERM exits 0").isEqualTo(0);
        }
    }

    @Test
    @DisplayName("Issue 9 §2: SIGTERM in the middle of start-up still exits 0 after the start, and the next start finds its data")
    void sigtermDuringStartup_exitsCleanly_andKeepsWrites() throws Exception {
        Path data = Files.createTempDirectory("tessera-sigterm");
        int port = ServerProcess.freePort();
        try (ServerProcess first = ServerProcess.start(data, port, Map.of(), "--dev")) {
            Path lock = data.resolve("tessera.lock");
            long deadline = System.nanoTime() + READY.toNanos();
            while (System.nanoTime() < deadline && first.process.isAlive()
                    && !(Files.exists(lock) && !Files.readString(lock).isBlank())) {
                LockSupport.parkNanos(2_000_000L);     // until the data directory is taken: start-up is under way
            }
            first.process.destroy();                   // SIGTERM
            assertThat(first.awaitExit(READY)).as("exit code; stderr: %s", first.stderrText()).isEqualTo(0);
        }
        try (ServerProcess second = ServerProcess.start(data, port, Map.of(), "--dev")) {
            assertThat(second.awaitReady(READY)).as("restart ready; stderr: %s", second.stderrText()).isTrue();
            assertThat(second.stdoutText()).as("the restart opens the first start's database")
                    .contains("existing data").doesNotContain("new, empty");
            second.process.destroy();
            assertThat(second.awaitExit(READY)).isEqualTo(0);
        }
    }

    private static Thread started(Runnable r) {
        Thread t = new Thread(r, "crash-test-load");
        t.start();
        return t;
    }

    private static String demoPassword(String banner) {
        Matcher m = Pattern.compile("User: demo / (\\S+)").matcher(banner);
        assertThat(m.find()).as("demo user in the banner: %s", banner).isTrue();
        return m.group(1);
    }

    /** Signs the demo user in at demo-spa (authorization code + PKCE) and returns the refresh token. */
    private static String signIn(String base, Http http, String password) {
        String redirect = base + "/t/demo/callback-demo";
        Pkce pkce = Pkce.create();
        Browser b = new Browser(base);
        Browser.Page page = b.get("/t/demo/authorize?response_type=code&client_id=demo-spa&scope="
                + enc("openid offline_access") + "&redirect_uri=" + enc(redirect) + "&state=s1&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256");
        Browser.Form form = page.expectStatus(200).form();
        Browser.Page done = form.set("username", "demo").set("password", password).submit("Sign in");
        String code = done.redirectParams().get("code");
        assertThat(code).as("code after sign-in: %s", done.location()).isNotNull();
        return http.post("/t/demo/token").form("grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
                "code_verifier", pkce.verifier(), "client_id", "demo-spa").send().expectStatus(200).string("refresh_token");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
