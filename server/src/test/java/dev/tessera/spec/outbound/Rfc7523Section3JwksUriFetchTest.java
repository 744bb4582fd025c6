package dev.tessera.spec.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import dev.tessera.server.Setting;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7523 §3 with keys at a {@code jwks_uri}: how Tessera fetches them. In-cluster setting
 * ({@code TESSERA_OUTBOUND_ALLOW_PRIVATE=true}), so that a loopback server can play the client's key
 * server over plain http. No redirects, 64 KiB, 2 s, cached 10 min, refetched for an unknown key at
 * most once per 30 s; every failure is 401 invalid_client, never a 5xx.
 */
@Tag("rfc7523")
class Rfc7523Section3JwksUriFetchTest extends JwksUriSpecTest {
    private String t;
    private HttpServer keys;
    private final Map<String, AtomicInteger> hits = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicReference<byte[]> published = new AtomicReference<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ECKey key = newKey("fetch-1");

    @Override
    protected Map<Setting, String> serverSettings() {
        return Map.of(Setting.OUTBOUND_ALLOW_PRIVATE, "true");
    }

    private void serve(String path, com.sun.net.httpserver.HttpHandler h) {
        hits.put(path, new AtomicInteger());
        keys.createContext(path, ex -> {
            hits.get(path).incrementAndGet();
            h.handle(ex);
            ex.close();
        });
    }

    private static void send(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }

    @BeforeAll
    void setUp() throws IOException {
        t = freshTenant("fetch");
        byte[] set = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        published.set(set);
        keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        serve("/jwks", ex -> send(ex, 200, published.get()));
        serve("/fixed", ex -> send(ex, 200, set));
        serve("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", url("/fixed"));
            send(ex, 302, new byte[0]);
        });
        String padded = new JWKSet(key.toPublicJWK()).toString();
        byte[] big = (padded.substring(0, padded.length() - 1) + ",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        serve("/big", ex -> send(ex, 200, big));
        serve("/slow", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, set);
        });
        keys.start();
    }

    @AfterAll
    void tearDown() {
        release.countDown();
        keys.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + keys.getAddress().getPort() + path;
    }

    @Test
    @DisplayName("RFC 7523 §3: keys at the jwks_uri verify the assertion (the in-cluster setting allows loopback over http)")
    void keysAtJwksUri_verify() {
        RegisteredClient c = register(t, metadata(url("/fixed")));
        tokenWith(t, key, c.clientId()).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 9110 §15.4: a jwks_uri answering with a redirect → 401 invalid_client; the redirect is not followed")
    void redirect_isRefused() {
        int before = hits.get("/fixed").get();
        RegisteredClient c = register(t, metadata(url("/redirect")));
        expectInvalidClient(tokenWith(t, key, c.clientId()));
        assertThat(hits.get("/redirect").get()).isPositive();
        assertThat(hits.get("/fixed").get()).isEqualTo(before);
    }

    @Test
    @DisplayName("RFC 7523 §3: a JWK set larger than 64 KiB → 401 invalid_client")
    void oversize_isRefused() {
        RegisteredClient c = register(t, metadata(url("/big")));
        expectInvalidClient(tokenWith(t, key, c.clientId()));
        assertThat(hits.get("/big").get()).isPositive();
    }

    @Test
    @DisplayName("RFC 7523 §3: a key server that does not answer → 401 invalid_client once the 2 s budget is spent, not later")
    void slowServer_timesOutWithinTheBudget() {
        RegisteredClient c = register(t, metadata(url("/slow")));
        long start = System.nanoTime();
        expectInvalidClient(tokenWith(t, key, c.clientId()));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(ms).isGreaterThanOrEqualTo(2_000).isLessThan(3_500);
    }

    @Test
    @DisplayName("RFC 7523 §3: keys are cached for 10 minutes; an unknown kid refetches at most once per 30 s")
    void cache_andRefetchLimit() {
        RegisteredClient c = register(t, metadata(url("/jwks")));
        AtomicInteger n = hits.get("/jwks");
        int start = n.get();
        tokenWith(t, key, c.clientId()).expectStatus(200);
        tokenWith(t, key, c.clientId()).expectStatus(200);
        assertThat(n.get() - start).isEqualTo(1);

        ECKey rotated = newKey("fetch-2");
        published.set(new JWKSet(java.util.List.of(key.toPublicJWK(), rotated.toPublicJWK())).toString()
                .getBytes(StandardCharsets.UTF_8));
        expectInvalidClient(tokenWith(t, rotated, c.clientId()));           // fetched less than 30 s ago: not again
        assertThat(n.get() - start).isEqualTo(1);
        server.clock.advance(Duration.ofSeconds(31));
        tokenWith(t, rotated, c.clientId()).expectStatus(200);               // unknown kid: refetched once
        assertThat(n.get() - start).isEqualTo(2);
        tokenWith(t, rotated, c.clientId()).expectStatus(200);
        assertThat(n.get() - start).isEqualTo(2);
        server.clock.advance(Duration.ofMinutes(10));
        tokenWith(t, key, c.clientId()).expectStatus(200);                   // the cached set's 10 minutes are over
        assertThat(n.get() - start).isEqualTo(3);
    }
}
