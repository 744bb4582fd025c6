package dev.tessera.resourceserver;

import static dev.tessera.resourceserver.Decisions.allowed;
import static dev.tessera.resourceserver.Decisions.denied;
import static dev.tessera.resourceserver.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Route matching, and request paths a server could route elsewhere than the rule that matched. */
class RouteTest {
    private final Fixture f = new Fixture();
    private final ResourceServer api = f.ordersApi().build();

    @AfterEach
    void close() {
        f.close();
    }

    @ParameterizedTest(name = "path [{0}]")
    @ValueSource(strings = {"/api/t/acme/status/../../globex/orders", "/api/t/acme/status/%2e%2e/x", "/api/t/acme/status/a%2Fb",
            "/api/t/acme//orders", "/api/t/acme/./orders", "/api/t/acme/orders;jsessionid=1", "/api/t/acme/status\\x",
            "/api/t/acme/status/%00", "api/t/acme/orders", ""})
    @DisplayName("RFC 3986 §5.2.4: a path with dot segments, empty segments or encoded separators is invalid_request, 400")
    void nonCanonicalPath_400(String path) {
        denied(api.authorize("GET", path, bearer(f.acmeToken().sign())), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a request without method or path is invalid_request, 400")
    void missingMethodOrPath_400() {
        String token = f.acmeToken().sign();
        denied(api.authorize(null, "/api/t/acme/orders", bearer(token)), 400, "invalid_request");
        denied(api.authorize("GET", null, bearer(token)), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 9110 §9.3.2: HEAD is authorised like GET; the query string is ignored")
    void headLikeGet_queryIgnored() {
        String token = f.acmeToken().sign();
        allowed(api.authorize("HEAD", "/api/t/acme/orders", bearer(token)));
        allowed(api.authorize("get", "/api/t/acme/orders?limit=5&x=/../", bearer(token)));
    }

    @Test
    @DisplayName("Routes: * matches any method, ** any rest of the path (none required), the first match decides")
    void wildcards() {
        String noScope = f.acmeToken().without("scope").sign();
        allowed(api.authorize("DELETE", "/api/t/acme/status", bearer(noScope)));
        allowed(api.authorize("PATCH", "/api/t/acme/status/a/b/c", bearer(noScope)));
        denied(api.authorize("GET", "/api/t/acme/statusx", bearer(noScope)), 403, "insufficient_scope");
    }

    @Test
    @DisplayName("Routes: templates are checked when the server is built")
    void badTemplates_rejected() {
        assertThatThrownBy(() -> Route.of("GET", "/a/**/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.of("GET", "relative")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.of("get", "/a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Route.of("GET", "/a", "bad\"scope")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Route.of("GET", "/a/{tenant}", "x").scopes()).containsExactly("x");
        assertThat(Route.RequestPath.segments("/a/b/")).isEqualTo(List.of("a", "b", ""));
    }

    @Test
    @DisplayName("RFC 3986 §6.2.2.2: percent-encoded unreserved characters match the rule of the characters themselves")
    void encodedUnreserved_matchesTheDecodedRule() {
        assertThat(Route.RequestPath.segments("/api/t/acme/%6Frders")).isEqualTo(List.of("api", "t", "acme", "orders"));
        assertThat(Route.RequestPath.segments("/api/%7e%2D%5F")).isEqualTo(List.of("api", "~-_"));
        assertThat(Route.RequestPath.segments("/api/a%20b")).isEqualTo(List.of("api", "a%20b"));
        assertThat(Route.RequestPath.segments("/api/%41%")).isNull();
        assertThat(Route.RequestPath.segments("/api/%zz")).isNull();
        assertThat(Route.RequestPath.segments("/api/%2E%2E/x")).isNull();
        assertThat(Route.RequestPath.segments("/api/.%2e/x")).isNull();
    }
}
