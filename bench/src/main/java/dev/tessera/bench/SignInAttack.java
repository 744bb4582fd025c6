package dev.tessera.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sign-in attackers for the {@code signin-attack} scenario: each thread loops GET /authorize then
 * POST /login with a wrong password, both with {@code X-Forwarded-For} naming a new source address
 * every iteration (the server must trust the generator's address as a proxy), so no per-source
 * budget ever stops them and every attempt asks for a full password check. Counts the answers by status.
 */
final class SignInAttack implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = BrowserFlow.newHttpClient();
    private final String issuerPath;
    private final String authorizeQuery;
    private final String username;
    private final Thread[] threads;
    private final AtomicLong sources = new AtomicLong();
    private final LongAdder failed = new LongAdder();   // 200: "Invalid username or password"
    private final LongAdder throttled = new LongAdder(); // 429
    private final LongAdder busy = new LongAdder();      // 503: the hashing gate was full
    private final LongAdder other = new LongAdder();
    private volatile boolean running = true;

    SignInAttack(String baseUrl, String tenant, String clientId, String redirectUri, String username, int attackers) {
        this.issuerPath = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/t/" + tenant;
        this.authorizeQuery = "response_type=code&client_id=" + HttpRequests.form(clientId) + "&redirect_uri="
                + HttpRequests.form(redirectUri) + "&scope=openid&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256&state=attack";
        this.username = username;
        this.threads = new Thread[attackers];
        for (int i = 0; i < attackers; i++) {
            threads[i] = new Thread(this::loop, "bench-attacker-" + i);
            threads[i].setDaemon(true);
        }
    }

    void start() {
        for (Thread t : threads) t.start();
    }

    private void loop() {
        while (running) {
            try {
                attempt();
            } catch (IOException e) {
                other.increment();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A new source address (10.0.0.0/8, never the same twice in 16 million attempts). */
    private String nextSource() {
        long n = sources.incrementAndGet() & 0xFFFFFF;
        return "10." + (n >> 16 & 0xFF) + "." + (n >> 8 & 0xFF) + "." + (n & 0xFF);
    }

    private void attempt() throws IOException, InterruptedException {
        String source = nextSource();
        BrowserFlow.CookieJar jar = new BrowserFlow.CookieJar();
        HttpResponse<String> page = send(jar, request("/authorize?" + authorizeQuery, source).GET());
        if (page.statusCode() != 200) {
            other.increment();
            return;
        }
        String form = "username=" + HttpRequests.form(username) + "&password=" + HttpRequests.form("wrong-" + source)
                + "&request=" + HttpRequests.form(BrowserFlow.hiddenInput(page.body(), "request"))
                + "&csrf=" + HttpRequests.form(BrowserFlow.hiddenInput(page.body(), "csrf"));
        HttpResponse<String> login = send(jar, request("/login", source).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        switch (login.statusCode()) {
            case 200 -> failed.increment();
            case 429 -> throttled.increment();
            case 503 -> busy.increment();
            default -> other.increment();
        }
    }

    private HttpRequest.Builder request(String path, String source) {
        return HttpRequest.newBuilder(URI.create(issuerPath + path)).timeout(TIMEOUT).header("X-Forwarded-For", source);
    }

    private HttpResponse<String> send(BrowserFlow.CookieJar jar, HttpRequest.Builder b) throws IOException, InterruptedException {
        String cookies = jar.header();
        if (!cookies.isEmpty()) b.header("Cookie", cookies);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        jar.update(r);
        return r;
    }

    /** What the attackers got so far, for the report. */
    String summary(double seconds) {
        long total = failed.sum() + throttled.sum() + busy.sum() + other.sum();
        return String.format(java.util.Locale.ROOT, "attackers    %d threads, %d attempts (%.0f/s): %d refused as wrong, %d throttled (429),"
                + " %d busy (503), %d other", threads.length, total, total / seconds, failed.sum(), throttled.sum(), busy.sum(), other.sum());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(TIMEOUT.toMillis());
    }
}
