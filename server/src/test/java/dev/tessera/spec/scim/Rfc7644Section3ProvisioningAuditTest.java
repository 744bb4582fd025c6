package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Issue 3 item 7: every SCIM change is an audit event of the user's tenant, never carrying the password. */
@Tag("rfc7644")
class Rfc7644Section3ProvisioningAuditTest extends ScimSpecTest {
    private static final String SECRET = "audit-never-shows-this-1";

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String t) {
        server.tessera.audit().flush();
        Http.Response r = http.get("/admin/v1/tenants/" + t + "/audit-events?limit=1000").bearer(admin()).send().expectStatus(200);
        assertThat(r.body()).doesNotContain(SECRET);
        return ((List<Map<String, Object>>) r.json().get("events")).stream()
                .filter(e -> ((String) e.get("type")).startsWith("user.")).toList();
    }

    @Test
    @DisplayName("RFC 7644 §3.3–3.6: create, replace, patch, deactivate and delete are audited with actor and subject, never the password")
    void changesAreAudited() {
        String t = tenant();
        String id = createId(t, user("audited", "\"password\":\"" + SECRET + "\""));
        send("PUT", t, "/Users/" + id, user("audited", "\"password\":\"" + SECRET + "-2\"")).expectStatus(200);
        send("PATCH", t, "/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}",
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")).expectStatus(200);
        scim("DELETE", t, "/Users/" + id).send().expectStatus(204);

        List<Map<String, Object>> events = events(t);
        assertThat(events).extracting(e -> e.get("type"))
                .containsExactly("user.created", "user.replaced", "user.patched", "user.deactivated", "user.deleted");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("subject")).isEqualTo(id);
            assertThat(e.get("clientId")).isEqualTo(TestServer.ADMIN_ID);
            assertThat(e.get("tenant")).isEqualTo(t);
            assertThat(e.get("outcome")).isEqualTo("success");
            assertThat(((Map<?, ?>) e.get("details")).get("userName")).isEqualTo("audited");
        });
        assertThat(((Map<?, ?>) events.get(0).get("details")).get("passwordChanged")).isEqualTo("true");
        assertThat(((Map<?, ?>) events.get(1).get("details")).get("passwordChanged")).isEqualTo("true");
        assertThat(((Map<?, ?>) events.get(2).get("details")).get("operations")).isEqualTo("replace title, replace active");
    }

    @Test
    @DisplayName("RFC 7644 §3.12: refused changes are not audited as changes")
    void refusedChangesAreNotAudited() {
        String t = tenant();
        send("POST", t, "/Users", user("weak", "\"password\":\"weak\"")).expectStatus(400);
        send("POST", t, "/Users", "{").expectStatus(400);
        assertThat(events(t)).isEmpty();
    }
}
