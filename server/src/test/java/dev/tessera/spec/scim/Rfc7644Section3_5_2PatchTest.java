package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
@SuppressWarnings("unchecked")
class Rfc7644Section3_5_2PatchTest extends ScimSpecTest {
    private static final String JANE = user("jane", "\"name\":{\"givenName\":\"Jane\",\"familyName\":\"Roe\"}",
            "\"emails\":[{\"value\":\"jane@work.example\",\"type\":\"work\",\"primary\":true},"
                    + "{\"value\":\"jane@home.example\",\"type\":\"home\"}]");

    private Map<String, Object> patchOk(String t, String id, String... ops) {
        Http.Response r = send("PATCH", t, "/Users/" + id, patch(ops)).expectStatus(200);
        assertThat(r.header("Content-Type")).startsWith(SCIM_JSON);
        assertThat(r.json()).isEqualTo(get(t, "/Users/" + id).json());
        return r.json();
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.3: replace active with a path → 200 with the whole resource and a new version")
    void replaceActiveWithPath() {
        String t = tenant();
        String id = createId(t, JANE);
        Http.Response r = send("PATCH", t, "/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")).expectStatus(200);
        assertThat(r.json().get("active")).isEqualTo(false);
        assertThat(r.json().get("emails")).isNotNull();
        assertThat(r.header("ETag")).isEqualTo("W/\"2\"");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.3: replace without path takes an object of attributes (op and booleans as some clients send them)")
    void replaceWithoutPath() {
        String t = tenant();
        String id = createId(t, JANE);
        Map<String, Object> u = patchOk(t, id, "{\"op\":\"Replace\",\"value\":{\"active\":\"False\",\"displayName\":\"J R\"}}");
        assertThat(u.get("active")).isEqualTo(false);
        assertThat(u.get("displayName")).isEqualTo("J R");
        assertThat(patchOk(t, id, "{\"op\":\"replace\",\"value\":{\"active\":true}}").get("active")).isEqualTo(true);
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.1: add with a path appends to a multi-valued attribute")
    void addEmail() {
        String t = tenant();
        String id = createId(t, JANE);
        Map<String, Object> u = patchOk(t, id, "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"j@other.example\",\"type\":\"other\"}]}");
        assertThat((List<?>) u.get("emails")).hasSize(3);
        assertThat(userNames(get(t, "/Users?filter=emails.value%20eq%20%22j@other.example%22"))).containsExactly("jane");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.3: replace emails[type eq \"work\"].value changes only the work address (and the index)")
    void replaceFilteredEmailValue() {
        String t = tenant();
        String id = createId(t, JANE);
        Map<String, Object> u = patchOk(t, id, "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"jr@work.example\"}");
        assertThat(u.get("emails")).isEqualTo(List.of(Map.of("value", "jr@work.example", "type", "work", "primary", true),
                Map.of("value", "jane@home.example", "type", "home")));
        assertThat(userNames(get(t, "/Users?filter=emails%20eq%20%22jane@work.example%22"))).isEmpty();
        assertThat(userNames(get(t, "/Users?filter=emails%20eq%20%22jr@work.example%22"))).containsExactly("jane");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.1: add emails[type eq \"other\"].value with no such value creates it")
    void addFilteredCreates() {
        String t = tenant();
        String id = createId(t, JANE);
        Map<String, Object> u = patchOk(t, id, "{\"op\":\"add\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"o@example.org\"}");
        assertThat((List<Object>) u.get("emails")).hasSize(3).contains(Map.of("type", "other", "value", "o@example.org"));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.3: replace with a value filter matching nothing → 400 noTarget")
    void replaceFilteredNoTarget() {
        String t = tenant();
        String id = createId(t, JANE);
        expectScimError(send("PATCH", t, "/Users/" + id, patch(
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"fax\\\"].value\",\"value\":\"x@y\"}")), 400, "noTarget");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.2: remove emails[type eq \"work\"] drops that value; remove without path → noTarget")
    void removeFiltered() {
        String t = tenant();
        String id = createId(t, JANE);
        Map<String, Object> u = patchOk(t, id, "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"work\\\"]\"}");
        assertThat(u.get("emails")).isEqualTo(List.of(Map.of("value", "jane@home.example", "type", "home")));
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"remove\"}")), 400, "noTarget");
        assertThat(patchOk(t, id, "{\"op\":\"remove\",\"path\":\"emails\"}")).doesNotContainKey("emails");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: name.givenName can be replaced, added and removed on its own")
    void givenName() {
        String t = tenant();
        String id = createId(t, JANE);
        assertThat(patchOk(t, id, "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Janet\"}").get("name"))
                .isEqualTo(Map.of("givenName", "Janet", "familyName", "Roe"));
        assertThat(patchOk(t, id, "{\"op\":\"remove\",\"path\":\"name.givenName\"}").get("name")).isEqualTo(Map.of("familyName", "Roe"));
        String bare = createId(t, user("bare"));
        assertThat(patchOk(t, bare, "{\"op\":\"add\",\"path\":\"name.givenName\",\"value\":\"B\"}").get("name")).isEqualTo(Map.of("givenName", "B"));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: operations apply in order; attribute names in paths are case-insensitive")
    void severalOperations() {
        String t = tenant();
        String id = createId(t, JANE);
        Map<String, Object> u = patchOk(t, id, "{\"op\":\"add\",\"path\":\"TITLE\",\"value\":\"Eng\"}",
                "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}", "{\"op\":\"replace\",\"path\":\"Name.FamilyName\",\"value\":\"Doe\"}");
        assertThat(u.get("title")).isEqualTo("Lead");
        assertThat(u.get("name")).isEqualTo(Map.of("givenName", "Jane", "familyName", "Doe"));
        assertThat(((Map<?, ?>) u.get("meta")).get("version")).isEqualTo("W/\"2\"");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: extension attributes by URN path; a new extension object is added to schemas")
    void extensions() {
        String t = tenant();
        String id = createId(t, JANE);
        Map<String, Object> u = patchOk(t, id, "{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":employeeNumber\",\"value\":\"701984\"}",
                "{\"op\":\"add\",\"value\":{\"urn:example:params:scim:ext:1.0:User\":{\"badge\":\"B-7\"}}}");
        assertThat(u.get(ENTERPRISE)).isEqualTo(Map.of("employeeNumber", "701984"));
        assertThat(u.get("urn:example:params:scim:ext:1.0:User")).isEqualTo(Map.of("badge", "B-7"));
        assertThat(u.get("schemas")).isEqualTo(List.of(USER, ENTERPRISE, "urn:example:params:scim:ext:1.0:User"));
        Map<String, Object> removed = patchOk(t, id, "{\"op\":\"remove\",\"path\":\"" + ENTERPRISE + ":employeeNumber\"}");
        assertThat(removed).doesNotContainKey(ENTERPRISE);
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: changing readOnly id or meta → 400 mutability; nothing changes")
    void mutability() {
        String t = tenant();
        String id = createId(t, JANE);
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"mine\"}")), 400, "mutability");
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"id\":\"mine\"}}")), 400, "mutability");
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}",
                "{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"2000-01-01T00:00:00Z\"}")), 400, "mutability");
        Map<String, Object> u = get(t, "/Users/" + id).json();
        assertThat(u).doesNotContainKey("title");
        assertThat(((Map<?, ?>) u.get("meta")).get("version")).isEqualTo("W/\"1\"");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: a malformed PatchOp message → 400 (invalidSyntax, invalidPath, invalidValue)")
    void malformed() {
        String t = tenant();
        String id = createId(t, JANE);
        expectScimError(send("PATCH", t, "/Users/" + id, "{\"Operations\":[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]}"), 400, "invalidSyntax");
        expectScimError(send("PATCH", t, "/Users/" + id, patch()), 400, "invalidSyntax");
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"delete\",\"path\":\"title\"}")), 400, "invalidSyntax");
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"add\",\"path\":\"shoeSize\",\"value\":1}")), 400, "invalidPath");
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"add\",\"path\":\"title\"}")), 400, "invalidValue");
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"perhaps\"}")), 400, "invalidValue");
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"remove\",\"path\":\"userName\"}")), 400, "invalidValue");
        expectScimError(send("PATCH", t, "/Users/" + id, patch("{\"op\":\"add\",\"path\":\"emails[type eq]\",\"value\":\"x\"}")), 400, "invalidFilter");
        assertThat(((Map<?, ?>) get(t, "/Users/" + id).json().get("meta")).get("version")).isEqualTo("W/\"1\"");
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: PATCH of an unknown user → 404; a PATCH that changes nothing keeps the version")
    void unknownAndNoop() {
        String t = tenant();
        expectScimError(send("PATCH", t, "/Users/nope", patch("{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}")), 404, null);
        String id = createId(t, JANE);
        Http.Response r = send("PATCH", t, "/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"jane\"}")).expectStatus(200);
        assertThat(r.header("ETag")).isEqualTo("W/\"1\"");
    }
}
