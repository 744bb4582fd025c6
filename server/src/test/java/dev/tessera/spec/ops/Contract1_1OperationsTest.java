package dev.tessera.spec.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONTRACT §1.1: health probes, Prometheus metrics and the correlation id. */
@Tag("contract")
class Contract1_1OperationsTest extends SpecTest {
    /** Generated correlation ids: 128 random bits, base64url (22 characters). */
    private static final String GENERATED_ID = "[A-Za-z0-9_-]{22}";

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String scrape() {
        Http.Response r = http.get("/metrics").send().expectStatus(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        return r.body();
    }

    /** The value of the sample {@code name} whose labels include all of {@code labels}; 0 when absent. */
    static double sample(String exposition, String name, Map<String, String> labels) {
        double total = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(name + "{")) continue;
            String labelPart = line.substring(name.length() + 1, line.lastIndexOf('}'));
            boolean all = labels.entrySet().stream()
                    .allMatch(e -> labelPart.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? total : 0;
    }

    /** The request timer is recorded once the response is sent: scrape until it shows, without sleeping. */
    private double awaitSample(String name, Map<String, String> labels, double atLeast) {
        double v = 0;
        for (int i = 0; i < 200 && v < atLeast; i++) {
            v = sample(scrape(), name, labels);
        }
        return v;
    }

    @Test
    @DisplayName("CONTRACT §1.1: GET /health/live → 200 while the process runs")
    void live_is200() {
        Http.Response r = http.get("/health/live").send().expectStatus(200);
        assertThat(r.json()).containsEntry("status", "UP");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    @DisplayName("CONTRACT §1.1: GET /health/ready → 200 once storage is reachable and keys are loaded")
    void ready_is200() {
        Http.Response r = http.get("/health/ready").send().expectStatus(200);
        assertThat(r.json()).containsEntry("status", "UP");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    @DisplayName("CONTRACT §1.1: /metrics counts issued tokens per tenant, grant_type and token_type")
    void tokensIssued_areCounted() {
        String t = fresh("metrics");
        createTenant(t);
        Map<String, String> opaque = Map.of("tenant", t, "grant_type", "client_credentials", "token_type", "opaque");
        Map<String, String> jwt = Map.of("tenant", t, "grant_type", "client_credentials", "token_type", "jwt");
        String before = scrape();
        assertThat(before).contains("# TYPE tessera_tokens_issued_total counter");
        assertThat(sample(before, "tessera_tokens_issued_total", opaque)).isZero();

        RegisteredClient o = serviceClient(t, "opaque");
        RegisteredClient j = serviceClient(t, "jwt");
        clientCredentialsToken(t, o);
        clientCredentialsToken(t, o);
        clientCredentialsToken(t, j);
        String after = scrape();
        assertThat(sample(after, "tessera_tokens_issued_total", opaque)).isEqualTo(2.0);
        assertThat(sample(after, "tessera_tokens_issued_total", jwt)).isEqualTo(1.0);

        // a refused request issues nothing
        http.post("/t/" + t + "/token").basicAuth(o.clientId(), "wrong-secret").form("grant_type", "client_credentials")
                .send().expectStatus(401);
        assertThat(sample(scrape(), "tessera_tokens_issued_total", opaque)).isEqualTo(2.0);
    }

    @Test
    @DisplayName("CONTRACT §1.1: /metrics has request counts and latencies per endpoint and outcome")
    void requests_areTimedPerEndpointAndOutcome() {
        String t = fresh("timer");
        createTenant(t);
        RegisteredClient c = serviceClient(t, "opaque");
        // endpoints and statuses that no other request of this class produces, so the deltas are exact
        Map<String, String> success = Map.of("endpoint", "/t/{tenant}/revoke", "outcome", "success", "status", "200");
        Map<String, String> clientError = Map.of("endpoint", "/t/{tenant}/token", "outcome", "client_error", "status", "400");
        String before = scrape();
        double okBefore = sample(before, "tessera_http_requests_seconds_count", success);
        double errBefore = sample(before, "tessera_http_requests_seconds_count", clientError);

        String token = clientCredentialsToken(t, c);
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret()).form("token", token)
                .send().expectStatus(200);
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret()).form("grant_type", "urn:example:nope")
                .send().expectStatus(400);

        assertThat(awaitSample("tessera_http_requests_seconds_count", success, okBefore + 1)).isEqualTo(okBefore + 1);
        assertThat(awaitSample("tessera_http_requests_seconds_count", clientError, errBefore + 1)).isEqualTo(errBefore + 1);
        String text = scrape();
        assertThat(text).contains("# TYPE tessera_http_requests_seconds summary")
                .containsPattern("tessera_http_requests_seconds_sum\\{[^}]*endpoint=\"/t/\\{tenant}/revoke\"");
        // the route template, never the concrete tenant, is the label: bounded cardinality for 10,000 tenants
        assertThat(text).doesNotContain("endpoint=\"/t/" + t);
        assertThat(text).doesNotContain("endpoint=\"*\"");
    }

    @Test
    @DisplayName("CONTRACT §1.1: /metrics includes JVM metrics")
    void jvmMetrics_arePresent() {
        String text = scrape();
        assertThat(sample(text, "jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
        assertThat(text).contains("jvm_threads_live_threads").contains("process_uptime_seconds");
    }

    @Test
    @DisplayName("CONTRACT §1.1: a valid X-Request-Id is echoed, on success and on error responses")
    void requestId_isEchoed() {
        String id = "req-" + UUID.randomUUID();
        http.get("/health/live").header("X-Request-Id", id).send().expectStatus(200).expectHeader("X-Request-Id", id);
        http.get("/t/" + fresh("nobody") + "/jwks").header("X-Request-Id", id).send().expectStatus(404)
                .expectHeader("X-Request-Id", id);
        http.get("/admin/v1/tenants/system").header("X-Request-Id", id).send().expectStatus(401)
                .expectHeader("X-Request-Id", id);
        http.get("/no/such/route").header("X-Request-Id", id).send().expectStatus(404).expectHeader("X-Request-Id", id);
        http.post("/t/system/token").header("X-Request-Id", id).form("grant_type", "client_credentials").send()
                .expectStatus(401).expectHeader("X-Request-Id", id);
    }

    @Test
    @DisplayName("CONTRACT §1.1: without X-Request-Id a fresh one is generated for every response")
    void requestId_isGenerated() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            String id = http.get("/health/live").send().expectStatus(200).header("X-Request-Id");
            assertThat(id).matches(GENERATED_ID);
            ids.add(id);
        }
        assertThat(ids).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "quote\"d", "<script>"})
    @DisplayName("CONTRACT §1.1: an unsafe X-Request-Id is not reflected; a generated one replaces it")
    void unsafeRequestId_isReplaced(String bad) {
        String id = http.get("/health/live").header("X-Request-Id", bad).send().expectStatus(200).header("X-Request-Id");
        assertThat(id).isNotEqualTo(bad).matches(GENERATED_ID);
    }

    @Test
    @DisplayName("CONTRACT §1.1: an overlong X-Request-Id (129 characters) is replaced; 128 characters are kept")
    void overlongRequestId_isReplaced() {
        String longest = "a".repeat(128);
        http.get("/health/live").header("X-Request-Id", longest).send().expectHeader("X-Request-Id", longest);
        String id = http.get("/health/live").header("X-Request-Id", longest + "a").send().header("X-Request-Id");
        assertThat(id).matches(GENERATED_ID);
    }
}
