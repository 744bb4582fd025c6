package dev.tessera.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Unit tests of PATCH parsing and application. Spec: RFC 7644 §3.5.2. */
@SuppressWarnings("unchecked")
class ScimPatchTest {
    private static Map<String, Object> resource() {
        return Json.parseObject("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen","active":true,
                 "name":{"givenName":"Barbara","familyName":"Jensen"},
                 "emails":[{"value":"b@work.example","type":"work","primary":true},{"value":"b@home.example","type":"home"}]}
                """);
    }

    private static ScimPatch.Result apply(String operations) {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operations + "]}";
        return ScimPatch.parse(Json.parseObject(body), Set.of()).apply(resource());
    }

    private static void fails(String operations, ErrorCode code) {
        assertThatThrownBy(() -> apply(operations)).isInstanceOfSatisfying(OAuthException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.1: add without path merges attributes; multi-valued values are appended")
    void addWithoutPath() {
        Map<String, Object> r = apply("{\"op\":\"add\",\"value\":{\"nickName\":\"Babs\",\"emails\":[{\"value\":\"b@other.example\"}]}}").resource();
        assertThat(r.get("nickName")).isEqualTo("Babs");
        assertThat((List<?>) r.get("emails")).hasSize(3);
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.3: replace of a complex attribute keeps the sub-attributes not named")
    void replaceComplexMerges() {
        Map<String, Object> r = apply("{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":\"Babs\"}}").resource();
        assertThat(r.get("name")).isEqualTo(Map.of("givenName", "Babs", "familyName", "Jensen"));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.3: replace with a value filter and sub-attribute changes only the matching values")
    void replaceFiltered() {
        Map<String, Object> r = apply("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"new@work.example\"}").resource();
        assertThat(r.get("emails")).isEqualTo(List.of(Map.of("value", "new@work.example", "type", "work", "primary", true),
                Map.of("value", "b@home.example", "type", "home")));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.3: replace with a filter that matches nothing → noTarget")
    void replaceFilteredNoMatch() {
        fails("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"x\"}", ErrorCode.SCIM_NO_TARGET);
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.1: add with a filter that matches nothing creates the value the equality filter describes")
    void addFilteredCreates() {
        Map<String, Object> r = apply("{\"op\":\"add\",\"path\":\"emails[type eq \\\"other\\\"].value\",\"value\":\"o@x\"}").resource();
        assertThat((List<Object>) r.get("emails")).contains(Map.of("type", "other", "value", "o@x"));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2.2: remove with a filter drops the matching values; without path → noTarget")
    void removeFiltered() {
        Map<String, Object> r = apply("{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}").resource();
        assertThat(r.get("emails")).isEqualTo(List.of(Map.of("value", "b@work.example", "type", "work", "primary", true)));
        fails("{\"op\":\"remove\"}", ErrorCode.SCIM_NO_TARGET);
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: setting primary on one value clears it on the others")
    void primaryIsExclusive() {
        Map<String, Object> r = apply("{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].primary\",\"value\":true}").resource();
        assertThat(r.get("emails")).isEqualTo(List.of(Map.of("value", "b@work.example", "type", "work", "primary", false),
                Map.of("value", "b@home.example", "type", "home", "primary", true)));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: attribute names in paths are case-insensitive; removing the password is reported")
    void caseInsensitivePaths() {
        ScimPatch.Result r = apply("{\"op\":\"Replace\",\"path\":\"NAME.GIVENNAME\",\"value\":\"B\"},{\"op\":\"remove\",\"path\":\"password\"}");
        assertThat(((Map<?, ?>) r.resource().get("name")).get("givenName")).isEqualTo("B");
        assertThat(r.passwordRemoved()).isTrue();
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: readOnly attributes (id, meta, groups) → mutability; unknown ones → invalidPath")
    void mutabilityAndPaths() {
        fails("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}", ErrorCode.SCIM_MUTABILITY);
        fails("{\"op\":\"replace\",\"value\":{\"meta\":{\"version\":\"x\"}}}", ErrorCode.SCIM_MUTABILITY);
        fails("{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}", ErrorCode.SCIM_MUTABILITY);
        fails("{\"op\":\"add\",\"path\":\"shoeSize\",\"value\":44}", ErrorCode.SCIM_INVALID_PATH);
        fails("{\"op\":\"add\",\"path\":\"name[givenName eq \\\"x\\\"]\",\"value\":{}}", ErrorCode.SCIM_INVALID_PATH);
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: extension attributes by URN path, and extension objects without path, are listed in schemas")
    void extensions() {
        Map<String, Object> r = apply("{\"op\":\"add\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\","
                + "\"value\":\"R&D\"},{\"op\":\"add\",\"value\":{\"urn:example:ext:1.0:User\":{\"shoeSize\":44}}}").resource();
        assertThat(r.get("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")).isEqualTo(Map.of("department", "R&D"));
        assertThat(r.get("urn:example:ext:1.0:User")).isEqualTo(Map.of("shoeSize", 44));
        assertThat((List<Object>) r.get("schemas")).contains("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "urn:example:ext:1.0:User");
    }
}
