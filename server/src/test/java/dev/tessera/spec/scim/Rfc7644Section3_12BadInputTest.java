package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input battery for SCIM: malformed filters, bodies and PATCH operations get a 4xx SCIM error,
 * never a 5xx, and change nothing (one user, still at version 1, after every case).
 */
@Tag("rfc7644")
class Rfc7644Section3_12BadInputTest extends ScimSpecTest {
    private static final String U = "{\"schemas\":[\"" + USER + "\"],";
    private String t;
    private String id;

    @BeforeAll
    void setUp() {
        t = tenant();
        id = createId(t, user("victim", "\"emails\":[{\"value\":\"v@example.com\",\"type\":\"work\"}]"));
    }

    @AfterEach
    void nothingChanged() {
        Http.Response list = get(t, "/Users").expectStatus(200);
        assertThat(list.json().get("totalResults")).isEqualTo(1L);
        Map<String, Object> u = get(t, "/Users/" + id).expectStatus(200).json();
        assertThat(((Map<?, ?>) u.get("meta")).get("version")).isEqualTo("W/\"1\"");
        assertThat(u.get("userName")).isEqualTo("victim");
    }

    private static void isClientError(Http.Response r) {
        assertThat(r.status()).as("status for %s: %s", r.raw.request().uri(), r.body()).isBetween(400, 499);
        assertThat(r.header("Content-Type")).startsWith(SCIM_JSON);
        assertThat(r.json().get("schemas")).isEqualTo(java.util.List.of(ERROR));
    }

    static Stream<String> badFilters() {
        return Stream.of("", "userName", "userName eq", "userName eq \"", "userName eq \"x\" and", "or", "and userName pr",
                "((((userName pr", "userName pr))))", "not", "not(", "not()", "userName eq \"x\" userName", "userName ~= \"x\"",
                "userName eq 'x'", "userName eq x", "\"userName\" pr", "userName eq \"\\uZZZZ\"", "userName eq \"\\", "emails[",
                "emails[]", "emails[value]", "emails[value eq \"x\"", "emails[value eq \"x\"]]", "emails[type eq \"x\"[value pr]]",
                "userName eq \"x\"\u0000", "[userName pr]", "userName[", "::", "urn: pr", "urn:a:b:c:userName pr",
                "(".repeat(500) + "userName pr" + ")".repeat(500), "not(".repeat(200) + "userName pr" + ")".repeat(200),
                String.join(" or ", java.util.Collections.nCopies(300, "userName pr")), "userName eq \"" + "x".repeat(5000) + "\"",
                "userName eq 1e999999999", "userName eq --1", "active eq tru", "active eq \"false\"", "title pr", "userName gt \"a\"",
                "emails.type eq \"work\"", "meta.created gt \"2020\"", "id eq 7", "name.givenName sw \"V\"");
    }

    @ParameterizedTest
    @DisplayName("RFC 7644 §3.4.2.2: malformed or unsupported filters → 4xx (invalidFilter), never 5xx")
    @MethodSource("badFilters")
    void badFilter(String filter) {
        Http.Response r = get(t, "/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        isClientError(r);
        assertThat(r.json().get("scimType")).isEqualTo("invalidFilter");
        isClientError(send("POST", t, "/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":" + dev.tessera.scim.Json.write(filter) + "}"));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: filter values are data, never SQL")
    void injectionLikeValuesAreData() {
        for (String v : new String[] {"x' OR '1'='1", "%", "_", "\\\\", "'; DROP TABLE users; --", "victim\\\" or userName pr"}) {
            Http.Response r = get(t, "/Users?filter=" + URLEncoder.encode("userName eq \"" + v + "\"", StandardCharsets.UTF_8));
            assertThat(r.status()).isIn(200, 400);
            if (r.status() == 200) assertThat(r.json().get("totalResults")).isEqualTo(0L);
        }
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: values longer than any stored column match nothing rather than fail")
    void longValuesMatchNothing() {
        String v = "x".repeat(3000);
        for (String attr : new String[] {"userName", "externalId", "id", "emails.value"}) {
            for (String op : new String[] {"eq", "ne", "co", "sw", "ew"}) {
                Http.Response r = get(t, "/Users?filter=" + URLEncoder.encode(attr + " " + op + " \"" + v + "\"", StandardCharsets.UTF_8));
                r.expectStatus(200);
                assertThat(r.json().get("totalResults")).isEqualTo(op.equals("ne") ? 1L : 0L);
            }
        }
    }

    static Stream<String> badBodies() {
        return Stream.of("", " ", "null", "true", "42", "\"str\"", "[]", "[{}]", "{", "}", "{\"schemas\":", "{'schemas':[]}",
                "{\"schemas\":[\"" + USER + "\"],\"userName\":\"a\",}", "{\"schemas\":[\"" + USER + "\"] \"userName\":\"a\"}",
                "{\"schemas\":[\"" + USER + "\"],\"userName\":\"a\"}}", "{}", "{\"schemas\":[]}", "{\"schemas\":null}",
                "{\"schemas\":[null]}", "{\"schemas\":[\"not a urn\"]}", "{\"schemas\":[\"" + USER + "\"]}",
                U + "\"userName\":null}", U + "\"userName\":[\"a\"]}", U + "\"userName\":{}}", U + "\"userName\":\"\"}",
                U + "\"userName\":\"a\\u0000b\"}", U + "\"userName\":\"" + "u".repeat(300) + "\"}",
                U + "\"userName\":\"a\",\"active\":1}", U + "\"userName\":\"a\",\"emails\":\"a@b\"}", U + "\"userName\":\"a\",\"emails\":[[]]}",
                U + "\"userName\":\"a\",\"emails\":[{\"value\":{}}]}", U + "\"userName\":\"a\",\"name\":[]}", U + "\"userName\":\"a\",\"x\":1}",
                U + "\"userName\":\"a\",\"urn:x:y\":{}}", U + "\"userName\":\"a\",\"password\":\"short\"}", U + "\"userName\":\"a\",\"password\":{}}",
                U + "\"userName\":\"a\",\"password\":\"" + "p".repeat(300) + "\"}", U + "\"userName\":\"victim\"}", U + "\"userName\":\"VICTIM\"}",
                U + "\"userName\":\"a\",\"externalId\":\"" + "e".repeat(300) + "\"}", U + "\"userName\":\"a\",\"title\":\"" + "t".repeat(3000) + "\"}",
                "[".repeat(10_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
                U + "\"userName\":\"a\",\"emails\":[" + String.join(",", java.util.Collections.nCopies(101, "{\"value\":\"a@b\"}")) + "]}",
                U + "\"userName\":\"a\",\"title\":\"" + "x".repeat(300_000) + "\"}");
    }

    @ParameterizedTest
    @DisplayName("RFC 7644 §3.3 / §3.12: malformed POST bodies → 4xx, never 5xx, nothing stored")
    @MethodSource("badBodies")
    void badCreate(String body) {
        isClientError(send("POST", t, "/Users", body));
    }

    @ParameterizedTest
    @DisplayName("RFC 7644 §3.5.1 / §3.12: malformed PUT bodies → 4xx, never 5xx, nothing changed")
    @MethodSource("badBodies")
    void badReplace(String body) {
        if (body.contains("\"userName\":\"victim\"") || body.contains("\"userName\":\"VICTIM\"")) return;  // valid replacements
        isClientError(send("PUT", t, "/Users/" + id, body));
    }

    static Stream<String> badOperations() {
        return Stream.of("", "1", "[]", "{}", "[1]", "[null]", "[[]]", "[{}]", "[{\"op\":null}]", "[{\"op\":\"move\",\"path\":\"title\"}]",
                "[{\"op\":\"add\"}]", "[{\"op\":\"replace\"}]", "[{\"op\":\"remove\"}]", "[{\"op\":\"add\",\"value\":\"scalar\"}]",
                "[{\"op\":\"add\",\"value\":[1]}]", "[{\"op\":\"add\",\"path\":null,\"value\":null}]", "[{\"op\":\"add\",\"path\":7,\"value\":1}]",
                "[{\"op\":\"add\",\"path\":\"\",\"value\":1}]", "[{\"op\":\"add\",\"path\":\"nope\",\"value\":1}]",
                "[{\"op\":\"add\",\"path\":\"name.nope\",\"value\":1}]", "[{\"op\":\"add\",\"path\":\"title.sub.sub\",\"value\":1}]",
                "[{\"op\":\"add\",\"path\":\"emails[\",\"value\":1}]", "[{\"op\":\"add\",\"path\":\"emails[]\",\"value\":1}]",
                "[{\"op\":\"add\",\"path\":\"emails[type eq \\\"x\\\"]x\",\"value\":1}]", "[{\"op\":\"add\",\"path\":\"title[value pr]\",\"value\":1}]",
                "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"none\\\"]\",\"value\":{\"value\":\"x\"}}]",
                "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"]\",\"value\":\"flat\"}]",
                "[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]", "[{\"op\":\"remove\",\"path\":\"meta\"}]",
                "[{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}]", "[{\"op\":\"remove\",\"path\":\"userName\"}]",
                "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":42}]", "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]",
                "[{\"op\":\"replace\",\"path\":\"emails\",\"value\":\"a@b\"}]", "[{\"op\":\"add\",\"path\":\"password\",\"value\":\"victim\"}]",
                "[{\"op\":\"add\",\"path\":\"urn:\",\"value\":1}]", "[{\"op\":\"add\",\"path\":\"" + ENTERPRISE + "\",\"value\":\"flat\"}]",
                "[{\"op\":\"add\",\"path\":\"" + ENTERPRISE + ":nope\",\"value\":1}]", "[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\",\"extra\":1}]",
                "[{\"op\":\"add\",\"path\":\"" + "p".repeat(2000) + "\",\"value\":1}]",
                "[" + String.join(",", java.util.Collections.nCopies(101, "{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}")) + "]",
                "[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"},{\"op\":\"remove\"}]");
    }

    @ParameterizedTest
    @DisplayName("RFC 7644 §3.5.2 / §3.12: bad PATCH operations → 4xx, never 5xx, nothing changed (operations are all-or-nothing)")
    @MethodSource("badOperations")
    void badPatch(String operations) {
        String body = operations.isEmpty() ? "{\"schemas\":[\"" + PATCH_OP + "\"]}"
                : "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":" + operations + "}";
        isClientError(send("PATCH", t, "/Users/" + id, body));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.4 / §3.1: bad paging values, media types and charsets → 4xx")
    void badParametersAndHeaders() {
        for (String q : new String[] {"count=abc", "startIndex=1e3", "count=1.0", "startIndex=", "count=%00"}) {
            Http.Response r = get(t, "/Users?" + q);
            if (r.status() != 200) isClientError(r);
        }
        isClientError(scim("POST", t, "/Users").body(null, user("nobody")).send());
        isClientError(scim("POST", t, "/Users").body("application/scim+json; charset=iso-8859-1", user("latin")).send());
        isClientError(scim("POST", t, "/Users").body("application/xml", "<user/>").send());
        isClientError(scim("PATCH", t, "/Users/" + id).body("application/json-patch+json", "[]").send());
    }
}
