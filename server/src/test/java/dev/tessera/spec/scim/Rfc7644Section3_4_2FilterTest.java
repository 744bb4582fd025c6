package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filtering of GET /Users over a fixed set of users in one tenant (no test changes it). */
@Tag("rfc7644")
class Rfc7644Section3_4_2FilterTest extends ScimSpecTest {
    private String t;
    private String aliceId;

    @BeforeAll
    void users() {
        t = tenant();
        aliceId = createId(t, user("alice", "\"externalId\":\"ext-alice\"",
                "\"emails\":[{\"value\":\"alice@example.com\",\"type\":\"work\"},{\"value\":\"alice@home.org\",\"type\":\"home\"}]"));
        create(t, user("Bob.Smith", "\"externalId\":\"EXT-bob\"", "\"active\":false",
                "\"emails\":[{\"value\":\"Bob@Example.org\",\"type\":\"work\"}]"));
        create(t, user("carol"));
        create(t, user("q\\\"uote"));
    }

    private Http.Response filter(String f) {
        return get(t, "/Users?filter=" + URLEncoder.encode(f, StandardCharsets.UTF_8));
    }

    private List<Object> names(String f) {
        Http.Response r = filter(f).expectStatus(200);
        assertThat(r.json().get("schemas")).isEqualTo(List.of(LIST));
        assertThat(r.json().get("totalResults")).isEqualTo((long) resources(r).size());
        return userNames(r);
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: userName eq is case-insensitive (caseExact false)")
    void userNameEq() {
        assertThat(names("userName eq \"ALICE\"")).containsExactly("alice");
        assertThat(names("userName eq \"bob.smith\"")).containsExactly("Bob.Smith");
        assertThat(names("userName eq \"nobody\"")).isEmpty();
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: sw, co, ew, ne and pr on userName")
    void userNameOperators() {
        assertThat(names("userName sw \"b\"")).containsExactly("Bob.Smith");
        assertThat(names("userName co \"AR\"")).containsExactly("carol");
        assertThat(names("userName ew \"smith\"")).containsExactly("Bob.Smith");
        assertThat(names("userName ne \"alice\"")).containsExactlyInAnyOrder("Bob.Smith", "carol", "q\"uote");
        assertThat(names("userName pr")).hasSize(4);
        assertThat(names("userName co \"%\"")).isEmpty();
        assertThat(names("userName co \"_\"")).isEmpty();
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: string values are JSON strings — escaped quotes match")
    void escapedString() {
        assertThat(names("userName eq \"q\\\"uote\"")).containsExactly("q\"uote");
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: emails.value, emails and emails[value …] match any e-mail, case-insensitively")
    void emails() {
        assertThat(names("emails.value eq \"ALICE@example.com\"")).containsExactly("alice");
        assertThat(names("emails co \"example\"")).containsExactlyInAnyOrder("alice", "Bob.Smith");
        assertThat(names("emails.value ew \".org\"")).containsExactlyInAnyOrder("alice", "Bob.Smith");
        assertThat(names("emails[value sw \"bob@\"]")).containsExactly("Bob.Smith");
        assertThat(names("emails pr")).containsExactlyInAnyOrder("alice", "Bob.Smith");
        assertThat(names("not (emails pr)")).containsExactlyInAnyOrder("carol", "q\"uote");
    }

    @Test
    @DisplayName("RFC 7643 §3.1: externalId is caseExact; id filters by the server's id")
    void externalIdAndId() {
        assertThat(names("externalId eq \"ext-alice\"")).containsExactly("alice");
        assertThat(names("externalId eq \"ext-bob\"")).isEmpty();
        assertThat(names("externalId sw \"EXT\"")).containsExactly("Bob.Smith");
        assertThat(names("externalId pr")).containsExactlyInAnyOrder("alice", "Bob.Smith");
        assertThat(names("id eq \"" + aliceId + "\"")).containsExactly("alice");
        assertThat(names("id ne \"" + aliceId + "\"")).hasSize(3);
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: active eq true | false")
    void active() {
        assertThat(names("active eq false")).containsExactly("Bob.Smith");
        assertThat(names("active eq true")).containsExactlyInAnyOrder("alice", "carol", "q\"uote");
        assertThat(names("active ne true")).containsExactly("Bob.Smith");
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: and, or, not(…) and parentheses; and binds tighter than or")
    void logic() {
        assertThat(names("userName sw \"a\" and active eq true")).containsExactly("alice");
        assertThat(names("userName eq \"carol\" or emails co \"bob\"")).containsExactlyInAnyOrder("carol", "Bob.Smith");
        assertThat(names("userName eq \"carol\" or userName eq \"alice\" and active eq false")).containsExactly("carol");
        assertThat(names("(userName eq \"carol\" or userName eq \"alice\") and active eq true")).containsExactlyInAnyOrder("carol", "alice");
        assertThat(names("not(active eq true) or not (userName ne \"carol\")")).containsExactlyInAnyOrder("Bob.Smith", "carol");
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: attribute names, operators and keywords are case-insensitive; URN-qualified names work")
    void caseInsensitiveNames() {
        assertThat(names("USERNAME EQ \"alice\" AND Emails.VALUE Co \"HOME\"")).containsExactly("alice");
        assertThat(names("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"carol\"")).containsExactly("carol");
    }

    @ParameterizedTest
    @DisplayName("RFC 7644 §3.4.2.2: malformed or unsupported filters → 400 invalidFilter")
    @ValueSource(strings = {"userName", "userName eq", "userName eq \"x", "userName eq \"x\" and", "(userName eq \"x\"",
        "userName eq \"x\")", "userName foo \"x\"", "userName eq x", "not userName eq \"x\"", "userName eq \"\\q\"",
        "title pr", "name.familyName eq \"x\"", "userName gt \"a\"", "active eq \"true\"", "userName eq 5",
        "emails[type eq \"work\"]", "emails[value eq \"x\"", "meta.created gt \"2020-01-01T00:00:00Z\""})
    void invalidFilters(String f) {
        expectScimError(filter(f), 400, "invalidFilter");
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: filter values are data, never SQL or LIKE patterns")
    void injectionLikeValuesAreData() {
        for (String v : new String[] {"x' OR '1'='1", "%", "_", "\\\\", "'; DROP TABLE users; --", "alice\\\" or userName pr"}) {
            assertThat(names("userName eq \"" + v + "\"")).as(v).isEmpty();
            assertThat(names("userName co \"" + v + "\"")).as(v).isEmpty();
        }
        assertThat(names("userName pr")).hasSize(4);
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: values longer than any stored column match nothing rather than fail")
    void longValuesMatchNothing() {
        String v = "x".repeat(3000);
        for (String attr : new String[] {"userName", "externalId", "id", "emails.value"}) {
            for (String op : new String[] {"eq", "co", "sw", "ew"}) {
                assertThat(names(attr + " " + op + " \"" + v + "\"")).as(attr + " " + op).isEmpty();
            }
        }
        assertThat(names("emails ne \"" + v + "\"")).containsExactlyInAnyOrder("alice", "Bob.Smith");
    }

    @Test
    @DisplayName("RFC 7644 §3.4.3: POST /Users/.search takes the filter in a SearchRequest body")
    void searchRequest() {
        Http.Response r = send("POST", t, "/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":\"userName sw \\\"c\\\"\",\"attributes\":[\"userName\"],\"startIndex\":1,\"count\":10}").expectStatus(200);
        assertThat(userNames(r)).containsExactly("carol");
        assertThat(resources(r).get(0).keySet()).containsExactlyInAnyOrder("schemas", "id", "userName");
        expectScimError(send("POST", t, "/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":\"userName\"}"), 400, "invalidFilter");
        expectScimError(send("POST", t, "/Users/.search", "{\"filter\":\"userName pr\"}"), 400, "invalidSyntax");
    }
}
