package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7643")
class Rfc7643Section4UserSchemaTest extends ScimSpecTest {
    private static final String CUSTOM = "urn:example:params:scim:schemas:extension:acme:1.0:User";

    @Test
    @DisplayName("RFC 7643 §2.1: attribute names are case-insensitive and returned in the schema's spelling")
    void caseInsensitiveNames() {
        String t = tenant();
        Map<String, Object> u = create(t, "{\"Schemas\":[\"" + USER + "\"],\"USERNAME\":\"cased\",\"Name\":{\"GIVENNAME\":\"C\"},"
                + "\"Emails\":[{\"VALUE\":\"c@example.com\",\"Primary\":true}],\"ACTIVE\":true}");
        assertThat(u.get("userName")).isEqualTo("cased");
        assertThat(u.get("name")).isEqualTo(Map.of("givenName", "C"));
        assertThat(u.get("emails")).isEqualTo(List.of(Map.of("value", "c@example.com", "primary", true)));
        expectScimError(send("POST", t, "/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",\"USERNAME\":\"b\"}"), 400, "invalidSyntax");
    }

    @Test
    @DisplayName("RFC 7643 §2.3–2.4: values must have their schema type; multi-valued attributes are arrays")
    void types() {
        String t = tenant();
        expectScimError(send("POST", t, "/Users", user("t1", "\"emails\":{\"value\":\"a@b\"}")), 400, "invalidValue");
        expectScimError(send("POST", t, "/Users", user("t2", "\"emails\":[\"a@b\"]")), 400, "invalidValue");
        expectScimError(send("POST", t, "/Users", user("t3", "\"active\":\"yes\"")), 400, "invalidValue");
        expectScimError(send("POST", t, "/Users", user("t4", "\"name\":\"Jo\"")), 400, "invalidValue");
        expectScimError(send("POST", t, "/Users", user("t5", "\"name\":{\"nick\":\"Jo\"}")), 400, "invalidValue");
        expectScimError(send("POST", t, "/Users", user("t6", "\"displayName\":7")), 400, "invalidValue");
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(0L);
    }

    @Test
    @DisplayName("RFC 7643 §2.4: primary may be true for at most one value of a multi-valued attribute")
    void onePrimary() {
        String t = tenant();
        Map<String, Object> e = expectScimError(send("POST", t, "/Users", user("pp", "\"emails\":[{\"value\":\"a@x\",\"primary\":true},"
                + "{\"value\":\"b@x\",\"primary\":true}]")), 400, "invalidValue");
        assertThat((String) e.get("detail")).contains("primary");
    }

    @Test
    @DisplayName("RFC 7643 §2.5: null values and empty arrays are unassigned and not returned")
    void nullsAreUnassigned() {
        String t = tenant();
        Map<String, Object> u = create(t, user("nulls", "\"displayName\":null", "\"emails\":[]", "\"name\":{\"givenName\":null}"));
        assertThat(u).doesNotContainKeys("displayName", "emails", "name");
    }

    @Test
    @DisplayName("RFC 7643 §4.1.1: active defaults to true; the core attributes round-trip")
    void coreAttributes() {
        String t = tenant();
        String body = user("full", "\"displayName\":\"Full User\"", "\"nickName\":\"F\"", "\"profileUrl\":\"https://example.com/f\"",
                "\"title\":\"Eng\"", "\"userType\":\"Employee\"", "\"preferredLanguage\":\"en-GB\"", "\"locale\":\"en-GB\"",
                "\"timezone\":\"Europe/London\"", "\"phoneNumbers\":[{\"value\":\"+44 20 7946 0000\",\"type\":\"work\"}]",
                "\"addresses\":[{\"streetAddress\":\"1 Main St\",\"locality\":\"London\",\"country\":\"GB\",\"type\":\"work\"}]",
                "\"roles\":[{\"value\":\"admin\"}]", "\"entitlements\":[{\"value\":\"e1\"}]", "\"ims\":[{\"value\":\"f@xmpp\",\"type\":\"xmpp\"}]",
                "\"photos\":[{\"value\":\"https://example.com/f.png\",\"type\":\"photo\"}]", "\"x509Certificates\":[{\"value\":\"MIIB\"}]");
        Map<String, Object> u = create(t, body);
        assertThat(u.get("active")).isEqualTo(true);
        for (String k : List.of("displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale",
                "timezone", "phoneNumbers", "addresses", "roles", "entitlements", "ims", "photos", "x509Certificates")) {
            assertThat(u).containsKey(k);
        }
        assertThat(get(t, "/Users/" + u.get("id")).json()).isEqualTo(u);
    }

    @Test
    @DisplayName("RFC 7643 §4.3: the enterprise extension is stored; readOnly manager.displayName is ignored")
    void enterpriseExtension() {
        String t = tenant();
        String body = "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"emp\",\"" + ENTERPRISE + "\":{"
                + "\"employeeNumber\":\"701984\",\"costCenter\":\"4130\",\"organization\":\"Universal Studios\",\"division\":\"Theme Park\","
                + "\"department\":\"Tour Operations\",\"manager\":{\"value\":\"26118915-6090-4610-87e4-49d8ca9f808d\",\"displayName\":\"John Smith\"}}}";
        Map<String, Object> u = create(t, body);
        Map<?, ?> ext = (Map<?, ?>) u.get(ENTERPRISE);
        assertThat(ext.get("employeeNumber")).isEqualTo("701984");
        assertThat(ext.get("department")).isEqualTo("Tour Operations");
        assertThat(ext.get("manager")).isEqualTo(Map.of("value", "26118915-6090-4610-87e4-49d8ca9f808d"));
        assertThat(u.get("schemas")).isEqualTo(List.of(USER, ENTERPRISE));
        expectScimError(send("POST", t, "/Users", "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"e2\",\""
                + ENTERPRISE + "\":{\"shoeSize\":44}}"), 400, "invalidValue");
    }

    @Test
    @DisplayName("RFC 7643 §3: any other extension listed in schemas is stored as given, so later claims can read it")
    void customExtension() {
        String t = tenant();
        Map<String, Object> u = create(t, "{\"schemas\":[\"" + USER + "\",\"" + CUSTOM + "\"],\"userName\":\"cx\",\"" + CUSTOM
                + "\":{\"badge\":\"B-7\",\"clearance\":{\"level\":3,\"zones\":[\"a\",\"b\"]},\"contractor\":false}}");
        assertThat(u.get(CUSTOM)).isEqualTo(Map.of("badge", "B-7", "clearance", Map.of("level", 3L, "zones", List.of("a", "b")),
                "contractor", false));
        assertThat(get(t, "/Users/" + u.get("id")).json().get(CUSTOM)).isEqualTo(u.get(CUSTOM));
    }

    @Test
    @DisplayName("RFC 7643 §3: an extension object whose URN is not listed in schemas → 400 invalidValue")
    void unlistedExtension() {
        String t = tenant();
        expectScimError(send("POST", t, "/Users", user("ux", "\"" + CUSTOM + "\":{\"badge\":\"B\"}")), 400, "invalidValue");
        expectScimError(send("POST", t, "/Users", "{\"schemas\":[\"" + USER + "\",\"" + CUSTOM + "\"],\"userName\":\"ux\",\""
                + CUSTOM + "\":\"flat\"}"), 400, "invalidValue");
    }
}
