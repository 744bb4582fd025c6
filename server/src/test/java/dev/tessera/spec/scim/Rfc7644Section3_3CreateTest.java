package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
class Rfc7644Section3_3CreateTest extends ScimSpecTest {

    @Test
    @DisplayName("RFC 7644 §3.3: POST /Users → 201 with Location, ETag, id and meta")
    void create_returns201WithLocationAndMeta() {
        String t = tenant();
        Http.Response r = send("POST", t, "/Users", user("bjensen", "\"externalId\":\"ext-1\"",
                "\"name\":{\"givenName\":\"Barbara\",\"familyName\":\"Jensen\"}",
                "\"emails\":[{\"value\":\"bjensen@example.com\",\"type\":\"work\",\"primary\":true}]")).expectStatus(201);
        Map<String, Object> u = r.json();
        String id = (String) u.get("id");
        String location = issuer(t) + "/scim/v2/Users/" + id;
        assertThat(id).isNotBlank();
        assertThat(r.header("Content-Type")).startsWith(SCIM_JSON);
        assertThat(r.header("Location")).isEqualTo(location);
        assertThat(r.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(u.get("schemas")).isEqualTo(List.of(USER));
        assertThat(u.get("userName")).isEqualTo("bjensen");
        assertThat(u.get("externalId")).isEqualTo("ext-1");
        assertThat(u.get("active")).isEqualTo(true);
        assertThat(u.get("name")).isEqualTo(Map.of("givenName", "Barbara", "familyName", "Jensen"));
        assertThat(u.get("emails")).isEqualTo(List.of(Map.of("value", "bjensen@example.com", "type", "work", "primary", true)));
        @SuppressWarnings("unchecked") Map<String, Object> meta = (Map<String, Object>) u.get("meta");
        assertThat(meta.get("resourceType")).isEqualTo("User");
        assertThat(meta.get("location")).isEqualTo(location);
        assertThat(meta.get("version")).isEqualTo("W/\"1\"");
        assertThat(meta.get("created")).isEqualTo(meta.get("lastModified"));
        assertThat(java.time.Instant.parse((String) meta.get("created")))
                .isEqualTo(server.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        get(t, "/Users/" + id).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7644 §3.1: application/json bodies are accepted as well as application/scim+json")
    void plainJson_isAccepted() {
        String t = tenant();
        scim("POST", t, "/Users").body("application/json; charset=utf-8", user("plain")).send().expectStatus(201);
    }

    @Test
    @DisplayName("RFC 7644 §3.1: other media types → 415 with a SCIM error")
    void otherMediaType_is415() {
        String t = tenant();
        expectScimError(scim("POST", t, "/Users").body("text/plain", user("x")).send(), 415, null);
        expectScimError(scim("POST", t, "/Users").body("application/x-www-form-urlencoded", "userName=x").send(), 415, null);
        get(t, "/Users").expectStatus(200).json();
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(0L);
    }

    @Test
    @DisplayName("RFC 7643 §4.1.1: userName is unique per tenant, case-insensitively → 409 uniqueness")
    void duplicateUserName_is409Uniqueness() {
        String t = tenant();
        create(t, user("Alice"));
        expectScimError(send("POST", t, "/Users", user("alice")), 409, "uniqueness");
        expectScimError(send("POST", t, "/Users", user("ALICE")), 409, "uniqueness");
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(1L);
    }

    @Test
    @DisplayName("RFC 7643 §4.1.1: userName is required → 400 invalidValue")
    void missingUserName_is400() {
        String t = tenant();
        expectScimError(send("POST", t, "/Users", "{\"schemas\":[\"" + USER + "\"]}"), 400, "invalidValue");
        expectScimError(send("POST", t, "/Users", user("   ")), 400, "invalidValue");
        expectScimError(send("POST", t, "/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":42}"), 400, "invalidValue");
    }

    @Test
    @DisplayName("RFC 7643 §3: a body without the User schema in schemas → 400 invalidSyntax")
    void wrongSchema_is400() {
        String t = tenant();
        expectScimError(send("POST", t, "/Users", "{\"userName\":\"x\"}"), 400, "invalidSyntax");
        expectScimError(send("POST", t, "/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"userName\":\"x\"}"), 400, "invalidSyntax");
        expectScimError(send("POST", t, "/Users", "{\"schemas\":\"" + USER + "\",\"userName\":\"x\"}"), 400, "invalidSyntax");
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(0L);
    }

    @Test
    @DisplayName("RFC 7644 §3.3: readOnly attributes (id, meta, groups) in a POST are ignored")
    void readOnlyAttributes_areIgnored() {
        String t = tenant();
        Map<String, Object> u = create(t, user("ro", "\"id\":\"chosen-by-client\"", "\"meta\":{\"version\":\"W/\\\"9\\\"\"}",
                "\"groups\":[{\"value\":\"g1\"}]"));
        assertThat(u.get("id")).isNotEqualTo("chosen-by-client");
        assertThat(u).doesNotContainKey("groups");
        assertThat(((Map<?, ?>) u.get("meta")).get("version")).isEqualTo("W/\"1\"");
    }

    @Test
    @DisplayName("RFC 7643 §2: an attribute outside every schema → 400 invalidValue naming it")
    void unknownAttribute_is400() {
        String t = tenant();
        Map<String, Object> e = expectScimError(send("POST", t, "/Users", user("u", "\"favouriteColour\":\"blue\"")), 400, "invalidValue");
        assertThat((String) e.get("detail")).contains("favouriteColour");
    }

    @Test
    @DisplayName("RFC 7643 §4.1.1: password is write-only — stored as a hash, never returned")
    void password_isNeverReturned() {
        String t = tenant();
        Http.Response r = send("POST", t, "/Users", user("pw", "\"password\":\"correct horse battery\"")).expectStatus(201);
        assertThat(r.body()).doesNotContain("password").doesNotContain("correct horse");
        String id = r.string("id");
        assertThat(get(t, "/Users/" + id).body()).doesNotContain("password").doesNotContain("correct horse");
        assertThat(get(t, "/Users?attributes=password").body()).doesNotContain("correct horse");
    }

    @Test
    @DisplayName("RFC 7644 §3.12 / issue 3: a password shorter than 8 characters → 400 invalidValue with a clear detail")
    void shortPassword_is400InvalidValue() {
        String t = tenant();
        Map<String, Object> e = expectScimError(send("POST", t, "/Users", user("short", "\"password\":\"abc\"")), 400, "invalidValue");
        assertThat(e.get("detail")).isEqualTo("The password must have at least 8 characters");
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(0L);
    }

    @Test
    @DisplayName("RFC 7644 §3.12 / issue 3: a password equal to the userName → 400 invalidValue")
    void passwordEqualToUserName_is400() {
        String t = tenant();
        Map<String, Object> e = expectScimError(send("POST", t, "/Users",
                user("longusername", "\"password\":\"LongUserName\"")), 400, "invalidValue");
        assertThat(e.get("detail")).isEqualTo("The password must not equal the user name");
    }
}
