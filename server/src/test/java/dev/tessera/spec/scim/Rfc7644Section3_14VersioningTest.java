package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
class Rfc7644Section3_14VersioningTest extends ScimSpecTest {
    private static final String TITLE = patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"T\"}");

    @Test
    @DisplayName("RFC 7644 §3.14: GET returns the version as ETag and in meta.version; If-None-Match with it → 304")
    void etagOnGet() {
        String t = tenant();
        String id = createId(t, user("v"));
        Http.Response r = get(t, "/Users/" + id).expectStatus(200);
        assertThat(r.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(((Map<?, ?>) r.json().get("meta")).get("version")).isEqualTo(r.header("ETag"));
        Http.Response notModified = scim("GET", t, "/Users/" + id).header("If-None-Match", "W/\"1\"").send().expectStatus(304);
        assertThat(notModified.body()).isEmpty();
        scim("GET", t, "/Users/" + id).header("If-None-Match", "W/\"0\"").send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7644 §3.14: PATCH with a stale If-Match → 412 and nothing changes; with the current one → 200")
    void ifMatchOnPatch() {
        String t = tenant();
        String id = createId(t, user("p"));
        send("PATCH", t, "/Users/" + id, patch("{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"n\"}")).expectStatus(200);
        expectScimError(scim("PATCH", t, "/Users/" + id).header("If-Match", "W/\"1\"").body(SCIM_JSON, TITLE).send(), 412, null);
        assertThat(get(t, "/Users/" + id).json()).doesNotContainKey("title");
        Http.Response ok = scim("PATCH", t, "/Users/" + id).header("If-Match", "W/\"2\"").body(SCIM_JSON, TITLE).send().expectStatus(200);
        assertThat(ok.header("ETag")).isEqualTo("W/\"3\"");
        scim("PATCH", t, "/Users/" + id).header("If-Match", "*").body(SCIM_JSON, patch("{\"op\":\"remove\",\"path\":\"title\"}"))
                .send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7644 §3.14: PUT with a stale If-Match → 412 and nothing changes")
    void ifMatchOnPut() {
        String t = tenant();
        String id = createId(t, user("u"));
        expectScimError(scim("PUT", t, "/Users/" + id).header("If-Match", "W/\"7\"").body(SCIM_JSON, user("u", "\"title\":\"x\""))
                .send(), 412, null);
        assertThat(get(t, "/Users/" + id).json()).doesNotContainKey("title");
        scim("PUT", t, "/Users/" + id).header("If-Match", "\"1\"").body(SCIM_JSON, user("u", "\"title\":\"x\"")).send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7644 §3.14: DELETE with a stale If-Match → 412 and the user stays")
    void ifMatchOnDelete() {
        String t = tenant();
        String id = createId(t, user("d"));
        expectScimError(scim("DELETE", t, "/Users/" + id).header("If-Match", "W/\"2\"").send(), 412, null);
        get(t, "/Users/" + id).expectStatus(200);
        scim("DELETE", t, "/Users/" + id).header("If-Match", "W/\"1\"").send().expectStatus(204);
    }
}
