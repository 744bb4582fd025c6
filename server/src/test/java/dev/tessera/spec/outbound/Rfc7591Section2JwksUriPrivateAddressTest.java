package dev.tessera.spec.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.tessera.testing.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7591 §2 ({@code jwks_uri}) with the default outbound policy: Tessera fetches a client's keys
 * only over https from public addresses, so a client cannot make it reach loopback, private or
 * metadata addresses (SSRF). Literal addresses are refused at registration; names are checked on
 * the addresses they resolve to, before any connection.
 */
@Tag("rfc7591")
class Rfc7591Section2JwksUriPrivateAddressTest extends JwksUriSpecTest {
    private String t;
    private ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeAll
    void setUp() throws IOException {
        t = freshTenant("ssrf");
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
    }

    @AfterAll
    void tearDown() throws IOException {
        listener.close();
    }

    private int port() {
        return listener.getLocalPort();
    }

    @Test
    @DisplayName("RFC 7591 §2: a jwks_uri at a loopback, private, CGNAT, mapped-IPv6 or metadata address → 400 invalid_client_metadata")
    void privateLiterals_areRefusedAtRegistration() {
        for (String uri : List.of("https://127.0.0.1:" + port() + "/jwks", "https://127.1.2.3/jwks", "https://[::1]:" + port() + "/jwks",
                "https://10.0.0.1/jwks", "https://172.16.5.4/jwks", "https://192.168.0.10/jwks", "https://100.64.0.1/jwks",
                "https://[fd00::1]/jwks", "https://[::ffff:10.0.0.1]/jwks", "https://[::ffff:7f00:1]:" + port() + "/jwks",
                "https://169.254.169.254/latest/meta-data/", "https://[fe80::1]/jwks", "https://0.0.0.0:" + port() + "/jwks")) {
            Http.Response r = registerRaw(t, uri).expectStatus(400).expectError("invalid_client_metadata");
            assertThat(r.string("error_description")).as(uri).contains("jwks_uri");
        }
        assertThat(connections.get()).isZero();
    }

    @Test
    @DisplayName("RFC 7591 §2: a jwks_uri over plain http, even to loopback, or with userinfo → 400 invalid_client_metadata")
    void plainHttp_isRefusedAtRegistration() {
        for (String uri : List.of("http://keys.example.com/jwks", "http://127.0.0.1:" + port() + "/jwks", "http://[::1]:" + port() + "/jwks",
                "https://user:pw@keys.example.com/jwks")) {
            registerRaw(t, uri).expectStatus(400).expectError("invalid_client_metadata");
        }
    }

    @Test
    @DisplayName("RFC 7592 §2.2: updating a client's jwks_uri to a loopback address → 400 invalid_client_metadata, nothing changes")
    void update_toPrivateAddress_isRefused() {
        RegisteredClient c = register(t, metadata("https://keys.example.com/jwks"));
        http.put("/t/" + t + "/register/" + c.clientId()).bearer(c.registrationAccessToken())
                .json("{\"client_id\":\"" + c.clientId() + "\"," + metadata("https://[::1]:" + port() + "/jwks").substring(1))
                .send().expectStatus(400).expectError("invalid_client_metadata");
        Http.Response read = http.get("/t/" + t + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send();
        read.expectStatus(200);
        assertThat(read.string("jwks_uri")).isEqualTo("https://keys.example.com/jwks");
    }

    @Test
    @DisplayName("RFC 7523 §3: a jwks_uri whose name resolves to loopback → 401 invalid_client, and no connection is made")
    void nameResolvingToLoopback_isNeverConnected() {
        RegisteredClient c = register(t, metadata("https://localhost:" + port() + "/jwks"));
        ECKey key = newKey("k1");
        expectInvalidClient(tokenWith(t, key, c.clientId()));
        assertThat(connections.get()).isZero();
    }
}
