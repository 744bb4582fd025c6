package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
class Rfc7644Section3_9AttributesTest extends ScimSpecTest {
    private static final String FULL = """
            {"schemas":["%s","%s"],"userName":"jdoe","displayName":"J Doe","name":{"givenName":"J","familyName":"Doe"},
             "emails":[{"value":"j@example.com","type":"work"}],"%s":{"employeeNumber":"7","department":"Ops"}}
            """.formatted(USER, ENTERPRISE, ENTERPRISE);

    @Test
    @DisplayName("RFC 7644 §3.9: attributes returns only the named attributes, plus id and schemas")
    void attributes() {
        String t = tenant();
        String id = createId(t, FULL);
        Map<String, Object> u = get(t, "/Users/" + id + "?attributes=userName,name.givenName,emails.value").expectStatus(200).json();
        assertThat(u.keySet()).containsExactlyInAnyOrder("schemas", "id", "userName", "name", "emails");
        assertThat(u.get("name")).isEqualTo(Map.of("givenName", "J"));
        assertThat(u.get("emails")).isEqualTo(List.of(Map.of("value", "j@example.com")));
        Map<String, Object> ext = get(t, "/Users/" + id + "?attributes=" + ENTERPRISE + ":department").expectStatus(200).json();
        assertThat(ext.get(ENTERPRISE)).isEqualTo(Map.of("department", "Ops"));
    }

    @Test
    @DisplayName("RFC 7644 §3.9: excludedAttributes drops the named attributes but never id")
    void excludedAttributes() {
        String t = tenant();
        String id = createId(t, FULL);
        Map<String, Object> u = get(t, "/Users/" + id + "?excludedAttributes=emails,name.familyName,id," + ENTERPRISE).expectStatus(200).json();
        assertThat(u).doesNotContainKeys("emails", ENTERPRISE).containsKeys("id", "userName", "meta", "displayName");
        assertThat(u.get("name")).isEqualTo(Map.of("givenName", "J"));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.5: attributes apply to every resource of a list response")
    void listAttributes() {
        String t = tenant();
        create(t, FULL);
        create(t, user("other"));
        List<Map<String, Object>> all = resources(get(t, "/Users?attributes=userName").expectStatus(200));
        assertThat(all).hasSize(2).allSatisfy(u -> assertThat(u.keySet()).containsExactlyInAnyOrder("schemas", "id", "userName"));
    }
}
