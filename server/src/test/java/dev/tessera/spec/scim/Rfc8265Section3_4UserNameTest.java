package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 8265 §3.4 (UsernameCaseMapped) for SCIM userNames: names that differ only in width or case
 * are one account, so a second one is 409 uniqueness; names with leading or trailing spaces or
 * disallowed characters are 400 invalidValue. The userName is kept and shown as given.
 */
@Tag("rfc8265")
class Rfc8265Section3_4UserNameTest extends ScimSpecTest {

    private List<Object> filtered(String t, String value) {
        String filter = URLEncoder.encode("userName eq \"" + value + "\"", StandardCharsets.UTF_8);
        return userNames(get(t, "/Users?filter=" + filter).expectStatus(200));
    }

    @Test
    @DisplayName("RFC 8265 §3.4: fullwidth, upper-case and composed/decomposed variants of a taken userName → 409 uniqueness")
    void confusableDuplicates_areRefused() {
        String t = tenant();
        create(t, user("demo"));
        create(t, user("Zoë"));
        for (String dup : List.of("ｄｅｍｏ", "ＤＥＭＯ", "DEMO", "Zoe\u0308", "ZOË")) {
            expectScimError(send("POST", t, "/Users", user(dup)), 409, "uniqueness");
        }
        assertThat(userNames(get(t, "/Users").expectStatus(200))).containsExactlyInAnyOrder("demo", "Zoë");
    }

    @Test
    @DisplayName("RFC 8265 §3.3: a userName with a leading or trailing space, or another disallowed character → 400 invalidValue")
    void edgeSpacesAndDisallowed_areInvalidValues() {
        String t = tenant();
        for (String bad : List.of("demo ", " demo", "de  mo", "demo\\u3000", "de\\u00a0mo", "a\\u200bb", "\\ufb01le")) {
            expectScimError(send("POST", t, "/Users", user(bad)), 400, "invalidValue");
        }
        assertThat(userNames(get(t, "/Users").expectStatus(200))).isEmpty();
    }

    @Test
    @DisplayName("RFC 8265 §3.4: PUT and PATCH to a confusable name → 409, to an edge-space name → 400; nothing changes")
    void replaceAndPatch_areChecked() {
        String t = tenant();
        create(t, user("demo"));
        String id = createId(t, user("other"));
        expectScimError(send("PUT", t, "/Users/" + id, user("ＤＥＭＯ")), 409, "uniqueness");
        expectScimError(send("PUT", t, "/Users/" + id, user("other ")), 400, "invalidValue");
        expectScimError(send("PATCH", t, "/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"ｄｅｍｏ\"}")), 409, "uniqueness");
        expectScimError(send("PATCH", t, "/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\" other\"}")), 400, "invalidValue");
        Http.Response r = get(t, "/Users/" + id).expectStatus(200);
        assertThat(r.string("userName")).isEqualTo("other");
        assertThat(r.header("ETag")).isEqualTo("W/\"1\"");
        send("PUT", t, "/Users/" + id, user("OTHER")).expectStatus(200);       // its own name in another case: fine
    }

    @Test
    @DisplayName("RFC 8265 §3.4: the userName is shown as given, and filter userName eq finds it by any confusable form")
    void shownAsGiven_foundByKey() {
        String t = tenant();
        assertThat(create(t, user("ＺＯＥ")).get("userName")).isEqualTo("ＺＯＥ");
        assertThat(filtered(t, "zoe")).containsExactly("ＺＯＥ");
        assertThat(filtered(t, "Ｚｏｅ")).containsExactly("ＺＯＥ");
        assertThat(filtered(t, "zoe ")).isEmpty();
    }

    @Test
    @DisplayName("RFC 7644 §3.12: a very long userName, also one that grows when mapped, → 400 invalidValue, never 5xx")
    void longNames_areInvalidValues() {
        String t = tenant();
        for (String name : List.of("a".repeat(257), "a".repeat(10_000), "\\u0130".repeat(200))) {
            expectScimError(send("POST", t, "/Users", user(name)), 400, "invalidValue");
        }
        assertThat(filtered(t, "a".repeat(3_000))).isEmpty();                  // longer than any key: no match, no error
    }
}
