package dev.tessera.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS of outbound fetches: the connection goes to the address that was checked, yet the handshake
 * sends the host name (SNI) and the certificate must be valid for that name (RFC 9110 §4.3.4), so
 * pinning the address neither weakens nor bypasses certificate validation. A self-signed server
 * certificate for {@code keys.test} (made with the JDK's keytool) and a trust store holding it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundFetcherTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final byte[] OK = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);

    private RawServer server;
    private SSLSocketFactory trusting;
    private final AtomicReference<List<SNIServerName>> sni = new AtomicReference<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=keys.test", "-ext", "SAN=dns:keys.test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket listener = (SSLServerSocket) serverTls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server = new RawServer(listener, (s, in, out) -> {
            ((SSLSocket) s).startHandshake();
            sni.set(((ExtendedSSLSession) ((SSLSocket) s).getSession()).getRequestedServerNames());
            RawServer.answering("200 OK", "", OK).answer(s, in, out);
        });

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        trusting = clientTls.getSocketFactory();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /** In-cluster policy (the server is on loopback); every name resolves to the loopback server. */
    private Fetched fetch(String host, SSLSocketFactory tls) {
        HostResolver toLoopback = h -> List.of(InetAddress.getByName("127.0.0.1"));
        return new OutboundFetcher(OutboundPolicy.of(true), toLoopback, tls, Duration.ofSeconds(2), 1024, 4)
                .get(URI.create("https://" + host + ":" + server.port() + "/jwks"), "application/json");
    }

    @Test
    @DisplayName("RFC 6066 §3: connected to the checked address, the handshake names the host and its certificate is accepted")
    void certificateForTheName_isAccepted() {
        Fetched f = fetch("keys.test", trusting);
        assertThat(f).isInstanceOf(Fetched.Body.class);
        assertThat(((Fetched.Body) f).bytes()).isEqualTo(OK);
        assertThat(sni.get()).extracting(n -> new String(n.getEncoded(), StandardCharsets.US_ASCII)).containsExactly("keys.test");
    }

    @Test
    @DisplayName("RFC 9110 §4.3.4: a trusted certificate that does not name the requested host is refused")
    void certificateForAnotherName_isRefused() {
        assertThat(fetch("other.test", trusting)).isInstanceOf(Fetched.Failed.class);
    }

    @Test
    @DisplayName("RFC 9110 §4.3.4: a certificate the trust store does not hold is refused")
    void untrustedCertificate_isRefused() {
        assertThat(fetch("keys.test", (SSLSocketFactory) SSLSocketFactory.getDefault())).isInstanceOf(Fetched.Failed.class);
    }
}
