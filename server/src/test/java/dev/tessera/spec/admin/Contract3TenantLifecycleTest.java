package dev.tessera.spec.admin;

import static dev.tessera.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONTRACT §2–3: the tenant resource's create, read, update and delete, and tenant ids. */
@Tag("contract")
class Contract3TenantLifecycleTest extends SpecTest {

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Http.Response put(String tenant, String json) {
        return http.put("/admin/v1/tenants/" + tenant).bearer(adminToken()).json(json).send();
    }

    private Http.Response get(String tenant) {
        return http.get("/admin/v1/tenants/" + tenant).bearer(adminToken()).send();
    }

    private Http.Response delete(String tenant) {
        return http.delete("/admin/v1/tenants/" + tenant).bearer(adminToken()).send();
    }

    @Test
    @DisplayName("CONTRACT §3: PUT of a new tenant → 201 with Location and the tenant as JSON")
    void putNewTenant_creates() {
        String t = fresh("create");
        Http.Response r = put(t, "{\"displayName\":\"Acme\"}").expectStatus(201);
        assertThat(r.header("Location")).isEqualTo(server.baseUrl + "/admin/v1/tenants/" + t);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        Map<String, Object> body = r.json();
        assertThat(body).containsEntry("id", t).containsEntry("displayName", "Acme")
                .containsEntry("issuer", server.issuer(t));
    }

    @Test
    @DisplayName("CONTRACT §3: PUT of an existing tenant → 200, the change is stored, no Location")
    void putExistingTenant_updates() {
        String t = fresh("update");
        put(t, "{\"displayName\":\"Before\"}").expectStatus(201);
        Http.Response r = put(t, "{\"displayName\":\"After\",\"accessTokenTtlSeconds\":600}").expectStatus(200);
        assertThat(r.header("Location")).isNull();
        assertThat(r.json()).containsEntry("displayName", "After");
        Map<String, Object> read = get(t).expectStatus(200).json();
        assertThat(read).containsEntry("displayName", "After");
        assertThat(((Number) read.get("accessTokenTtlSeconds")).intValue()).isEqualTo(600);
    }

    @Test
    @DisplayName("CONTRACT §3: an update keeps the creation time and moves the update time")
    void update_keepsCreatedAt() {
        String t = fresh("times");
        Map<String, Object> created = put(t, "{\"displayName\":\"One\"}").expectStatus(201).json();
        server.clock.advance(java.time.Duration.ofMinutes(5));
        Map<String, Object> updated = put(t, "{\"displayName\":\"Two\"}").expectStatus(200).json();
        assertThat(updated.get("createdAt")).isEqualTo(created.get("createdAt"));
        assertThat(updated.get("updatedAt")).isNotEqualTo(created.get("updatedAt"));
    }

    @Test
    @DisplayName("CONTRACT §3: GET reads the tenant; an unknown tenant → 404 problem")
    void get_readsOrAnswers404() {
        String t = fresh("read");
        put(t, "{\"displayName\":\"Readable\"}").expectStatus(201);
        Map<String, Object> body = get(t).expectStatus(200).json();
        assertThat(body).containsEntry("id", t).containsEntry("displayName", "Readable")
                .containsEntry("issuer", server.issuer(t));
        expectProblem(get(fresh("never")), 404);
    }

    @Test
    @DisplayName("CONTRACT §3: DELETE → 204 without body, then GET and DELETE → 404")
    void delete_thenGone() {
        String t = fresh("delete");
        put(t, "{\"displayName\":\"Doomed\"}").expectStatus(201);
        Http.Response r = delete(t).expectStatus(204);
        assertThat(r.body()).isEmpty();
        expectProblem(get(t), 404);
        expectProblem(delete(t), 404);
    }

    @Test
    @DisplayName("CONTRACT §3: PUT after DELETE creates the tenant again → 201")
    void putAfterDelete_createsAgain() {
        String t = fresh("again");
        put(t, "{\"displayName\":\"First\"}").expectStatus(201);
        delete(t).expectStatus(204);
        put(t, "{\"displayName\":\"Second\"}").expectStatus(201);
        assertThat(get(t).expectStatus(200).json()).containsEntry("displayName", "Second");
    }

    @Test
    @DisplayName("CONTRACT §2: tenant system cannot be deleted → 409 problem, and it still issues tokens")
    void systemTenant_cannotBeDeleted() {
        expectProblem(delete("system"), 409);
        get("system").expectStatus(200);
        http.get("/t/system/.well-known/openid-configuration").send().expectStatus(200);
        assertThat(adminToken()).isNotBlank();
    }

    @Test
    @DisplayName("CONTRACT §2: the longest valid tenant id (63 characters) is accepted")
    void longestValidId_isAccepted() {
        String t = "a" + "-".repeat(10) + "0".repeat(52);
        assertThat(t).hasSize(63);
        put(t, "{\"displayName\":\"Long\"}").expectStatus(201);
        get(t).expectStatus(200);
        http.get("/t/" + t + "/.well-known/openid-configuration").send().expectStatus(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "-leading-dash", "under_score", "dot.ted", "sp%20ace", "%C3%A9t%C3%A9",
            "a0123456789012345678901234567890123456789012345678901234567890123"})
    @DisplayName("CONTRACT §2: PUT with an invalid tenant id → 400 problem, nothing created")
    void invalidTenantId_putIsRejected(String id) {
        expectProblem(put(id, "{\"displayName\":\"Bad\"}"), 400);
        assertThat(http.get("/admin/v1/tenants/" + id).bearer(adminToken()).send().status()).isIn(400, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "-leading-dash", "under_score"})
    @DisplayName("CONTRACT §2: GET and DELETE with an invalid tenant id → 400 problem")
    void invalidTenantId_getAndDeleteAreRejected(String id) {
        expectProblem(get(id), 400);
        expectProblem(delete(id), 400);
    }

    @Test
    @DisplayName("CONTRACT §3: the body must be JSON: another media type → 415 problem, nothing created")
    void nonJsonBody_isRejected() {
        String t = fresh("media");
        Http.Response r = http.put("/admin/v1/tenants/" + t).bearer(adminToken())
                .body("application/x-www-form-urlencoded", "displayName=Form").send();
        expectProblem(r, 415);
        expectProblem(get(t), 404);
    }

    @Test
    @DisplayName("CONTRACT §3: malformed JSON, a JSON array, an empty body → 400 problem, nothing created")
    void malformedJson_isRejected() {
        String t = fresh("malformed");
        for (String body : new String[] {"{\"displayName\":", "[\"displayName\"]", "", "\"Acme\"", "null"}) {
            expectProblem(http.put("/admin/v1/tenants/" + t).bearer(adminToken()).json(body).send(), 400);
        }
        expectProblem(get(t), 404);
    }
}
