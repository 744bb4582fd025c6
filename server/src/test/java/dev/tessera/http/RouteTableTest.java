package dev.tessera.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The route table: raw-path segment matching, 405 methods, parameters decoded only when read. Spec: RFC 9110 §15.5.6; RFC 3986 §3.3. */
class RouteTableTest {
    private static final Endpoint NOTHING = x -> {};

    private final RouteTable table = new RouteTable()
            .post("/t/{tenant}/token", NOTHING)
            .get("/t/{tenant}/forward-auth", NOTHING)
            .get("/t/{tenant}/forward-auth/", NOTHING)
            .get("/t/{tenant}/forward-auth/<path>", NOTHING)
            .post("/t/{tenant}/scim/v2/Users/.search", NOTHING)
            .get("/t/{tenant}/scim/v2/Users/{id}", NOTHING)
            .delete("/t/{tenant}/scim/v2/Users/{id}", NOTHING);

    @Test
    @DisplayName("A path matches its pattern segment by segment; the method picks the route")
    void matchesByPathThenMethod() {
        assertThat(table.match("POST", "/t/acme/token").route().pattern()).isEqualTo("/t/{tenant}/token");
        assertThat(table.match("GET", "/t/acme/token").allowed()).containsExactly("POST");
        assertThat(table.match("GET", "/t/acme/tokens").allowed()).isEmpty();
        assertThat(table.match("POST", "/t/acme/token/").allowed()).isEmpty();
    }

    @Test
    @DisplayName("RFC 3986 §3.3: empty, dot and encoded segments never route elsewhere")
    void oddSegments_routeNowhere() {
        for (String p : new String[] {"//t/acme/token", "/t//token", "/t/acme/../system/token", "/t/acme%2Ftoken", "/t/acme/%74oken",
                "/t/acme/token;jsessionid=1", "t/acme/token", ""}) {
            RouteTable.Match m = table.match("POST", p);
            assertThat(m.route()).as(p).isNull();
        }
    }

    @Test
    @DisplayName("<path> takes the rest of the path, never nothing; a trailing slash is its own route")
    void restOfThePath() {
        assertThat(table.match("GET", "/t/a/forward-auth").route().pattern()).isEqualTo("/t/{tenant}/forward-auth");
        assertThat(table.match("GET", "/t/a/forward-auth/").route().pattern()).isEqualTo("/t/{tenant}/forward-auth/");
        RouteTable.Match m = table.match("GET", "/t/a/forward-auth/api/orders/7");
        assertThat(m.route().pattern()).isEqualTo("/t/{tenant}/forward-auth/<path>");
        assertThat(m.route().rawParam("path", m.segments())).isEqualTo("api/orders/7");
        assertThat(m.route().rawParam("tenant", m.segments())).isEqualTo("a");
    }

    @Test
    @DisplayName("RFC 9110 §15.5.6: Allow names every method of every route the path fits (a literal beside a parameter)")
    void allowedMethods_ofEveryFittingRoute() {
        assertThat(table.match("PUT", "/t/a/scim/v2/Users/.search").allowed()).containsExactlyInAnyOrder("POST", "GET", "DELETE");
        assertThat(table.match("POST", "/t/a/scim/v2/Users/.search").route().pattern()).endsWith("/.search");
        assertThat(table.match("GET", "/t/a/scim/v2/Users/.search").route().pattern()).endsWith("/{id}");
    }

    @Test
    @DisplayName("A route is registered once; <rest> only at the end")
    void registrationErrors() {
        assertThatThrownBy(() -> table.post("/t/{tenant}/token", NOTHING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteTable().get("/a/<rest>/b", NOTHING)).isInstanceOf(IllegalArgumentException.class);
    }
}
