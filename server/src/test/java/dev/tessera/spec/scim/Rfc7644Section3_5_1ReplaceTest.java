package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
class Rfc7644Section3_5_1ReplaceTest extends ScimSpecTest {

    @Test
    @DisplayName("RFC 7644 §3.5.1: PUT replaces every attribute; those not sent are cleared; the version moves on")
    void put_replacesAll() {
        String t = tenant();
        Map<String, Object> created = create(t, user("jdoe", "\"displayName\":\"John\"", "\"externalId\":\"e1\"",
                "\"emails\":[{\"value\":\"j@example.com\"}]"));
        String id = (String) created.get("id");
        server.clock.advance(java.time.Duration.ofSeconds(5));
        Http.Response r = send("PUT", t, "/Users/" + id, user("jdoe", "\"nickName\":\"JD\"", "\"active\":false")).expectStatus(200);
        Map<String, Object> u = r.json();
        assertThat(u).doesNotContainKeys("displayName", "externalId", "emails");
        assertThat(u.get("nickName")).isEqualTo("JD");
        assertThat(u.get("active")).isEqualTo(false);
        assertThat(u.get("id")).isEqualTo(id);
        assertThat(r.header("ETag")).isEqualTo("W/\"2\"");
        Map<?, ?> meta = (Map<?, ?>) u.get("meta");
        assertThat(meta.get("version")).isEqualTo("W/\"2\"");
        assertThat(meta.get("created")).isEqualTo(((Map<?, ?>) created.get("meta")).get("created"));
        assertThat(meta.get("lastModified")).isNotEqualTo(meta.get("created"));
        assertThat(get(t, "/Users/" + id).json()).isEqualTo(u);
    }

    @Test
    @DisplayName("RFC 7644 §3.5.1: the same id in the body is accepted; another id → 400 mutability and nothing changes")
    void put_changingId_isMutabilityError() {
        String t = tenant();
        String id = createId(t, user("fixed"));
        send("PUT", t, "/Users/" + id, user("fixed", "\"id\":\"" + id + "\"", "\"title\":\"A\"")).expectStatus(200);
        expectScimError(send("PUT", t, "/Users/" + id, user("fixed", "\"id\":\"other\"", "\"title\":\"B\"")), 400, "mutability");
        assertThat(get(t, "/Users/" + id).json().get("title")).isEqualTo("A");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.1: readOnly meta in the body is ignored")
    void put_ignoresMeta() {
        String t = tenant();
        String id = createId(t, user("meta"));
        Map<String, Object> u = send("PUT", t, "/Users/" + id, user("meta", "\"meta\":{\"version\":\"W/\\\"77\\\"\",\"created\":\"2000-01-01T00:00:00Z\"}"))
                .expectStatus(200).json();
        assertThat(((Map<?, ?>) u.get("meta")).get("version")).isEqualTo("W/\"2\"");
    }

    @Test
    @DisplayName("RFC 7643 §4.1.1: renaming to a userName another user holds (any case) → 409 uniqueness")
    void put_userNameTaken_is409() {
        String t = tenant();
        create(t, user("taken"));
        String id = createId(t, user("mine"));
        expectScimError(send("PUT", t, "/Users/" + id, user("TAKEN")), 409, "uniqueness");
        assertThat(get(t, "/Users/" + id).json().get("userName")).isEqualTo("mine");
        send("PUT", t, "/Users/" + id, user("MINE")).expectStatus(200);
        assertThat(get(t, "/Users/" + id).json().get("userName")).isEqualTo("MINE");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.1: PUT of an unknown user → 404")
    void put_unknown_is404() {
        String t = tenant();
        expectScimError(send("PUT", t, "/Users/does-not-exist", user("x")), 404, null);
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(0L);
    }

    @Test
    @DisplayName("RFC 7643 §4.3: PUT keeps, changes or drops the enterprise extension with the body")
    void put_extension() {
        String t = tenant();
        String id = createId(t, user("ext"));
        String withExt = "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"ext\",\"" + ENTERPRISE
                + "\":{\"costCenter\":\"4130\"}}";
        Map<String, Object> u = send("PUT", t, "/Users/" + id, withExt).expectStatus(200).json();
        assertThat(u.get(ENTERPRISE)).isEqualTo(Map.of("costCenter", "4130"));
        assertThat(u.get("schemas")).isEqualTo(List.of(USER, ENTERPRISE));
        Map<String, Object> dropped = send("PUT", t, "/Users/" + id, user("ext")).expectStatus(200).json();
        assertThat(dropped).doesNotContainKey(ENTERPRISE);
    }

    @Test
    @DisplayName("RFC 7644 §3.12: a PUT whose password breaks the policy → 400 invalidValue, nothing changes")
    void put_badPassword_is400() {
        String t = tenant();
        String id = createId(t, user("pwput", "\"title\":\"before\""));
        Map<String, Object> e = expectScimError(send("PUT", t, "/Users/" + id, user("pwput", "\"title\":\"after\"",
                "\"password\":\"PWPUT\"")), 400, "invalidValue");
        assertThat(e.get("detail")).isEqualTo("The password must have at least 8 characters");
        assertThat(get(t, "/Users/" + id).json().get("title")).isEqualTo("before");
    }
}
