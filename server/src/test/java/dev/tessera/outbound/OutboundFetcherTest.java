package dev.tessera.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fetcher's limits, on plain http to loopback servers (allowed in-cluster): one resolution whose
 * addresses are all checked, no redirects, the size limit, the time budget, bounded concurrency.
 */
class OutboundFetcherTest {
    private static final Duration BUDGET = Duration.ofMillis(400);
    private static final byte[] OK = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);

    private final AtomicInteger resolutions = new AtomicInteger();

    private HostResolver resolvingTo(String... addresses) {
        return host -> {
            resolutions.incrementAndGet();
            List<InetAddress> out = new java.util.ArrayList<>();
            for (String a : addresses) out.add(InetAddress.getByName(a));
            return out;
        };
    }

    private OutboundFetcher fetcher(OutboundPolicy policy, HostResolver resolver, int maxConcurrent) {
        return new OutboundFetcher(policy, resolver, (SSLSocketFactory) SSLSocketFactory.getDefault(), BUDGET, 1024, maxConcurrent);
    }

    private OutboundFetcher inCluster() {
        return fetcher(OutboundPolicy.of(true), resolvingTo("127.0.0.1"), 4);
    }

    private static String reason(Fetched f) {
        assertThat(f).isInstanceOf(Fetched.Failed.class);
        return ((Fetched.Failed) f).reason();
    }

    @Test
    @DisplayName("a 200 within the limits is the body; the host is resolved exactly once per fetch")
    void ok() throws Exception {
        try (RawServer s = new RawServer(RawServer.answering("200 OK", "", OK))) {
            Fetched f = inCluster().get(URI.create("http://keys.internal:" + s.port() + "/jwks"), "application/json");
            assertThat(f).isInstanceOf(Fetched.Body.class);
            assertThat(((Fetched.Body) f).bytes()).isEqualTo(OK);
            assertThat(resolutions.get()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a name resolving to a public and a private address is refused, without connecting (every address is checked)")
    void oneRefusedAddress_refusesTheName() throws Exception {
        try (RawServer s = new RawServer(RawServer.answering("200 OK", "", OK))) {
            OutboundFetcher f = fetcher(OutboundPolicy.publicOnly(), resolvingTo("8.8.8.8", "127.0.0.1"), 4);
            assertThat(reason(f.get(URI.create("https://keys.example.com:" + s.port() + "/jwks"), "*/*")))
                    .isEqualTo("host resolves to a refused address");
            OutboundFetcher loopbackName = fetcher(OutboundPolicy.publicOnly(), resolvingTo("127.0.0.1"), 4);
            assertThat(reason(loopbackName.get(URI.create("https://localhost:" + s.port() + "/jwks"), "*/*")))
                    .isEqualTo("host resolves to a refused address");
            assertThat(s.connections.get()).isZero();
        }
    }

    @Test
    @DisplayName("plain http goes to private addresses only, never to a public one")
    void plainHttpToPublic_isRefused() {
        OutboundFetcher f = fetcher(OutboundPolicy.of(true), resolvingTo("8.8.8.8"), 4);
        assertThat(reason(f.get(URI.create("http://keys.example.com/jwks"), "*/*"))).isEqualTo("host resolves to a refused address");
    }

    @Test
    @DisplayName("RFC 9110 §15.4: a redirect is a failure and is not followed")
    void redirect_isNotFollowed() throws Exception {
        try (RawServer target = new RawServer(RawServer.answering("200 OK", "", OK));
             RawServer s = new RawServer(RawServer.answering("302 Found",
                     "Location: http://127.0.0.1:" + target.port() + "/jwks\r\n", new byte[0]))) {
            assertThat(reason(inCluster().get(URI.create("http://keys.internal:" + s.port() + "/jwks"), "*/*"))).isEqualTo("status 302");
            assertThat(target.connections.get()).isZero();
        }
    }

    @Test
    @DisplayName("a body over the limit is refused: by Content-Length, chunked, or read to the end")
    void oversize_isRefused() throws Exception {
        byte[] big = new byte[1025];
        java.util.Arrays.fill(big, (byte) ' ');
        try (RawServer length = new RawServer(RawServer.answering("200 OK", "", big));
             RawServer chunked = new RawServer((sock, in, out) -> {
                 RawServer.requestHead(in);
                 out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                 for (int i = 0; i < 3; i++) out.write(("200\r\n" + " ".repeat(512) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                 out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
             });
             RawServer toEof = new RawServer((sock, in, out) -> {
                 RawServer.requestHead(in);
                 out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                 out.write(big);
             })) {
            for (RawServer s : List.of(length, chunked, toEof)) {
                assertThat(reason(inCluster().get(URI.create("http://keys.internal:" + s.port() + "/"), "*/*")))
                        .isEqualTo("body larger than 1024 bytes");
            }
        }
    }

    @Test
    @DisplayName("a server that never answers, or trickles, fails once the budget is spent, and every failure takes the whole budget")
    void slowServer_failsWithinTheBudget() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer silent = new RawServer((sock, in, out) -> {
                 RawServer.requestHead(in);
                 try {
                     release.await(10, TimeUnit.SECONDS);
                 } catch (InterruptedException ignored) {
                     Thread.currentThread().interrupt();
                 }
             });
             RawServer trickle = new RawServer((sock, in, out) -> {
                 RawServer.requestHead(in);
                 out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                 for (int i = 0; i < 100 && release.getCount() > 0; i++) {
                     out.write(' ');
                     out.flush();
                     try {
                         release.await(100, TimeUnit.MILLISECONDS);
                     } catch (InterruptedException ignored) {
                         Thread.currentThread().interrupt();
                     }
                 }
             })) {
            for (RawServer s : List.of(silent, trickle)) {
                long start = System.nanoTime();
                assertThat(reason(inCluster().get(URI.create("http://keys.internal:" + s.port() + "/"), "*/*"))).isEqualTo("timed out");
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(ms).isGreaterThanOrEqualTo(BUDGET.toMillis() - 5).isLessThan(BUDGET.toMillis() + 1000);
            }
            long start = System.nanoTime();
            reason(inCluster().get(URI.create("http://keys.internal:" + closedPort() + "/"), "*/*"));   // refused at once …
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(BUDGET.toMillis() - 5);
        } finally {
            release.countDown();
        }
    }

    @Test
    @DisplayName("no more than the bound of fetches run at once; one over it fails rather than queueing past the budget")
    void concurrency_isBounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer silent = new RawServer((sock, in, out) -> {
            RawServer.requestHead(in);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        })) {
            OutboundFetcher one = fetcher(OutboundPolicy.of(true), resolvingTo("127.0.0.1"), 1);
            URI uri = URI.create("http://keys.internal:" + silent.port() + "/");
            Thread first = new Thread(() -> one.get(uri, "*/*"));
            first.start();
            while (silent.connections.get() == 0) Thread.onSpinWait();
            long start = System.nanoTime();
            assertThat(reason(one.get(uri, "*/*"))).isEqualTo("too many outbound fetches at once");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("a local refusal holds no thread for the budget").isLessThan(BUDGET.toMillis() - 100);
            assertThat(silent.connections.get()).isEqualTo(1);
            release.countDown();
            first.join();
        } finally {
            release.countDown();
        }
    }

    private static int closedPort() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
