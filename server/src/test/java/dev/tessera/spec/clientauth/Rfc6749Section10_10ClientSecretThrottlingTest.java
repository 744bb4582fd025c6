package dev.tessera.spec.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 6749 §10.10 (guessing credentials): after 10 wrong secrets for one client in a minute, further
 * wrong secrets get 429 {@code invalid_client} with {@code Retry-After} (RFC 6585 §4) until the window
 * ends, audited once per source and window; the right secret keeps working, so the throttle is no
 * lockout; other clients are untouched (each node counts in its own memory). Issue 9 item 6.
 */
@Tag("rfc6749")
class Rfc6749Section10_10ClientSecretThrottlingTest extends TokenSpecTest {
    private Http.Response wrong(String t, RegisteredClient c) {
        return http.post("/t/" + t + "/token").basicAuth(c.clientId(), "not-the-secret")
                .form("grant_type", "client_credentials").send();
    }

    @Test
    @DisplayName("RFC 6749 §10.10: the 11th wrong secret in a minute is 429 invalid_client with Retry-After; after the window, 401 again")
    void repeatedWrongSecrets_areThrottled() {
        String t = freshTenant("cthrottle");
        RegisteredClient c = serviceClient(t, "opaque");
        for (int i = 1; i <= 10; i++) {
            wrong(t, c).expectStatus(401).expectError("invalid_client");
        }
        Http.Response throttled = wrong(t, c).expectStatus(429).expectError("invalid_client");
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(throttled.header("Cache-Control")).isEqualTo("no-store");
        server.clock.advance(Duration.ofSeconds(retryAfter));
        wrong(t, c).expectStatus(401).expectError("invalid_client");
    }

    @Test
    @DisplayName("RFC 6749 §10.10: while throttled, the right secret still gets a token (no lockout by whoever knows the client id)")
    void rightSecret_isNeverThrottled() {
        String t = freshTenant("cthrottle");
        RegisteredClient c = serviceClient(t, "opaque");
        for (int i = 1; i <= 11; i++) wrong(t, c);
        wrong(t, c).expectStatus(429);
        assertThat(clientCredentialsToken(t, c)).isNotBlank();
    }

    @Test
    @DisplayName("RFC 6749 §10.10: the budget is per client: another client of the tenant still gets 401 for a wrong secret")
    void budget_isPerClient() {
        String t = freshTenant("cthrottle");
        RegisteredClient c = serviceClient(t, "opaque");
        RegisteredClient other = serviceClient(t, "opaque");
        for (int i = 1; i <= 11; i++) wrong(t, c);
        wrong(t, c).expectStatus(429);
        wrong(t, other).expectStatus(401);
    }

    @Test
    @DisplayName("RFC 6749 §10.10: the budget is shared by every endpoint that checks the secret: introspection and revocation get 429 too")
    void introspectionAndRevocation_shareTheBudget() {
        String t = freshTenant("cthrottle");
        RegisteredClient c = serviceClient(t, "opaque");
        for (int i = 1; i <= 10; i++) wrong(t, c);
        http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), "not-the-secret").form("token", "x").send()
                .expectStatus(429).expectError("invalid_client");
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), "not-the-secret").form("token", "x").send()
                .expectStatus(429).expectError("invalid_client");
    }

    @Test
    @DisplayName("Issue 9 item 7: throttled attempts are one audit row per source and window, then one with their count")
    @SuppressWarnings("unchecked")
    void throttledAttempts_areAuditedAggregated() {
        String t = freshTenant("cthrottle");
        RegisteredClient c = serviceClient(t, "opaque");
        for (int i = 1; i <= 10; i++) wrong(t, c);
        for (int i = 1; i <= 6; i++) wrong(t, c).expectStatus(429);
        server.clock.advance(Duration.ofSeconds(61));
        server.tessera.audit().flush();
        List<Map<String, Object>> events = (List<Map<String, Object>>) http.get("/admin/v1/tenants/" + t + "/audit-events?limit=1000")
                .bearer(adminToken()).send().expectStatus(200).json().get("events");
        List<Map<String, Object>> throttled = events.stream().filter(e -> "client.authentication_throttled".equals(e.get("type"))).toList();
        assertThat(throttled).hasSize(2);
        assertThat(throttled).allSatisfy(e -> assertThat(e).containsEntry("clientId", c.clientId()));
        assertThat((Map<String, Object>) throttled.get(1).get("details")).containsEntry("count", "5");
        assertThat(events.stream().filter(e -> "client.authentication_failed".equals(e.get("type")))).hasSize(10);
    }
}
