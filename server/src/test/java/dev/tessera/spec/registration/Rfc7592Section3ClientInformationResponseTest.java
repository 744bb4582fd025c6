package dev.tessera.spec.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.keys.MasterKey;
import dev.tessera.store.Jdbc;
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import dev.tessera.token.TokenHasher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7592 §3: the Client Information Response of a read or update carries {@code registration_client_uri}
 * and {@code registration_access_token}. Tessera stores only a keyed hash of that token, so each read and
 * update made with it returns a new one and the previous one stops working at once ("the client MUST
 * immediately discard its previous … registration access token"); concurrent uses of one token have
 * exactly one winner.
 */
@Tag("rfc7592")
class Rfc7592Section3ClientInformationResponseTest extends SpecTest {
    private static final int RACERS = 8;
    private String t;

    @BeforeAll
    void tenant() {
        t = "rat-" + UUID.randomUUID().toString().substring(0, 8);
        createTenant(t);
    }

    private RegisteredClient client() {
        return register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read write\",\"client_name\":\"Orig\"}");
    }

    private String uri(RegisteredClient c) {
        return "/t/" + t + "/register/" + c.clientId();
    }

    private String updateBody(RegisteredClient c, String name) {
        return "{\"client_id\":\"" + c.clientId() + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\","
                + "\"client_name\":\"" + name + "\"}";
    }

    private static void expectStale(Http.Response r) {
        r.expectStatus(401).expectError("invalid_token");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
    }

    /** The old token is refused for read, update and delete, and changes nothing. */
    private void expectRefusedEverywhere(RegisteredClient c, String oldToken) {
        expectStale(http.get(uri(c)).bearer(oldToken).send());
        expectStale(http.put(uri(c)).bearer(oldToken).json(updateBody(c, "Stale")).send());
        expectStale(http.delete(uri(c)).bearer(oldToken).send());
    }

    @Test
    @DisplayName("RFC 7592 §3: a read returns registration_client_uri and a new registration_access_token; the old one is refused afterwards")
    void read_returnsANewToken_andVoidsTheOldOne() {
        RegisteredClient c = client();
        Map<String, Object> body = http.get(uri(c)).bearer(c.registrationAccessToken()).send().expectStatus(200).json();
        String next = (String) body.get("registration_access_token");
        assertThat(body).containsEntry("registration_client_uri", server.issuer(t) + "/register/" + c.clientId())
                .containsEntry("client_id", c.clientId()).containsEntry("client_name", "Orig");
        assertThat(next).isNotBlank().isNotEqualTo(c.registrationAccessToken());
        assertThat(Base64.getUrlDecoder().decode(next)).as("≥ 256 random bits").hasSizeGreaterThanOrEqualTo(32);

        expectRefusedEverywhere(c, c.registrationAccessToken());
        Map<String, Object> again = http.get(uri(c)).bearer(next).send().expectStatus(200).json();
        assertThat(again).containsEntry("client_name", "Orig");
        assertThat((String) again.get("registration_access_token")).isNotEqualTo(next);
        expectStale(http.get(uri(c)).bearer(next).send());
    }

    @Test
    @DisplayName("RFC 7592 §3: an update returns a new registration_access_token; the old one is refused afterwards")
    void update_returnsANewToken_andVoidsTheOldOne() {
        RegisteredClient c = client();
        Map<String, Object> body = http.put(uri(c)).bearer(c.registrationAccessToken()).json(updateBody(c, "Renamed")).send()
                .expectStatus(200).json();
        String next = (String) body.get("registration_access_token");
        assertThat(body).containsEntry("registration_client_uri", server.issuer(t) + "/register/" + c.clientId())
                .containsEntry("client_name", "Renamed").doesNotContainKey("client_secret");
        assertThat(next).isNotBlank().isNotEqualTo(c.registrationAccessToken());

        expectRefusedEverywhere(c, c.registrationAccessToken());
        RegisteredClient current = c.withRegistrationAccessToken(next);
        assertThat(http.get(uri(current)).bearer(current.registrationAccessToken()).send().expectStatus(200).json())
                .containsEntry("client_name", "Renamed");
        // the client secret is not affected by the rotation
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret())
                .form("grant_type", "client_credentials", "scope", "read").send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7592 §3 / CONTRACT §5: a refused update (bad metadata or body) keeps the presented token valid")
    void refusedUpdate_keepsTheToken() {
        RegisteredClient c = client();
        http.put(uri(c)).bearer(c.registrationAccessToken()).json("{\"client_id\":\"" + c.clientId()
                + "\",\"grant_types\":[\"password\"]}").send().expectStatus(400).expectError("invalid_client_metadata");
        http.put(uri(c)).bearer(c.registrationAccessToken()).json("{{{").send().expectStatus(400);
        assertThat(http.get(uri(c)).bearer(c.registrationAccessToken()).send().expectStatus(200).json())
                .containsEntry("client_name", "Orig");
    }

    @Test
    @DisplayName("RFC 7592 §3: the read and update responses are Cache-Control: no-store, Pragma: no-cache")
    void responses_areNotStored() {
        RegisteredClient c = client();
        Http.Response read = http.get(uri(c)).bearer(c.registrationAccessToken()).send().expectStatus(200)
                .expectHeader("Cache-Control", "no-store").expectHeader("Pragma", "no-cache");
        http.put(uri(c)).bearer(read.string("registration_access_token")).json(updateBody(c, "X")).send().expectStatus(200)
                .expectHeader("Cache-Control", "no-store").expectHeader("Pragma", "no-cache");
    }

    @Test
    @DisplayName("RFC 7592 §3 / STYLE §7: storage holds only the keyed hash of the current token, never a token value")
    void storedValue_isNeverTheToken() {
        RegisteredClient c = client();
        TokenHasher hasher = new TokenHasher(MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])));
        String first = c.registrationAccessToken();
        assertThat(storedHash(c)).isEqualTo(hasher.hash(first).value());
        String second = http.get(uri(c)).bearer(first).send().expectStatus(200).string("registration_access_token");
        String third = http.put(uri(c)).bearer(second).json(updateBody(c, "Y")).send().expectStatus(200)
                .string("registration_access_token");
        String stored = storedHash(c);
        assertThat(stored).isEqualTo(hasher.hash(third).value());
        String row = new Jdbc(server.tessera.database().dataSource()).queryOne("SELECT * FROM clients WHERE tenant_id = ? "
                + "AND client_id = ?", rs -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) b.append(rs.getString(i)).append('|');
                    return b.toString();
                }, t, c.clientId()).orElseThrow();
        assertThat(row).doesNotContain(first).doesNotContain(second).doesNotContain(third);
    }

    @Test
    @DisplayName("RFC 7592 §3: of concurrent reads presenting one token exactly one gets 200 (and the next token); the rest 401")
    void concurrentReads_exactlyOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            RegisteredClient c = client();
            List<Http.Response> answers = race(i -> http.get(uri(c)).bearer(c.registrationAccessToken()).send());
            List<Http.Response> ok = answers.stream().filter(r -> r.status() == 200).toList();
            assertThat(ok).as("winners of round " + round).hasSize(1);
            answers.stream().filter(r -> r.status() != 200).forEach(Rfc7592Section3ClientInformationResponseTest::expectStale);
            http.get(uri(c)).bearer(ok.get(0).string("registration_access_token")).send().expectStatus(200);
        }
    }

    @Test
    @DisplayName("RFC 7592 §3: of concurrent reads and updates presenting one token exactly one succeeds; lost updates change nothing")
    void concurrentReadsAndUpdates_exactlyOneWins() throws Exception {
        RegisteredClient c = client();
        List<Http.Response> answers = race(i -> i % 2 == 0
                ? http.get(uri(c)).bearer(c.registrationAccessToken()).send()
                : http.put(uri(c)).bearer(c.registrationAccessToken()).json(updateBody(c, "Racer-" + i)).send());
        List<Http.Response> ok = answers.stream().filter(r -> r.status() == 200).toList();
        assertThat(ok).hasSize(1);
        answers.stream().filter(r -> r.status() != 200).forEach(Rfc7592Section3ClientInformationResponseTest::expectStale);
        Map<String, Object> now = http.get(uri(c)).bearer(ok.get(0).string("registration_access_token")).send()
                .expectStatus(200).json();
        assertThat(now.get("client_name")).isEqualTo(ok.get(0).json().get("client_name"));
    }

    @Test
    @DisplayName("RFC 7592 §2.3: delete uses the presented (current) token; a token rotated away cannot delete")
    void delete_usesThePresentedToken() {
        RegisteredClient c = client();
        String next = http.get(uri(c)).bearer(c.registrationAccessToken()).send().expectStatus(200)
                .string("registration_access_token");
        expectStale(http.delete(uri(c)).bearer(c.registrationAccessToken()).send());
        http.delete(uri(c)).bearer(next).send().expectStatus(204);
        expectStale(http.get(uri(c)).bearer(next).send());
    }

    @Test
    @DisplayName("CONTRACT §3: a read with the admin token returns no registration_access_token and leaves the client's own valid")
    void adminRead_leavesTheClientsTokenAlone() {
        RegisteredClient c = client();
        Map<String, Object> body = http.get(uri(c)).bearer(adminToken()).send().expectStatus(200)
                .expectHeader("Cache-Control", "no-store").json();
        assertThat(body).containsEntry("client_id", c.clientId()).containsKey("registration_client_uri")
                .doesNotContainKey("registration_access_token");
        http.get(uri(c)).bearer(c.registrationAccessToken()).send().expectStatus(200);
    }

    private String storedHash(RegisteredClient c) {
        return new Jdbc(server.tessera.database().dataSource()).queryOne("SELECT registration_token_hash FROM clients "
                + "WHERE tenant_id = ? AND client_id = ?", rs -> rs.getString(1), t, c.clientId()).orElseThrow();
    }

    private interface Attempt {
        Http.Response send(int i);
    }

    /** Sends {@value #RACERS} requests released together by a start gate; returns every answer. */
    private static List<Http.Response> race(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int n = i;
                Callable<Http.Response> call = () -> {
                    ready.countDown();
                    start.await();
                    return attempt.send(n);
                };
                futures.add(pool.submit(call));
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
