package dev.tessera.spec.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One HTTP path: the same requests sent to every route of the server's route table get the same
 * treatment: one error format per surface (RFC 6749 §5.2 JSON on protocol endpoints, RFC 9457 problems
 * under /admin, the SCIM error schema under /scim/v2, the OAuth agent's {"code","message"}), the same
 * headers (correlation id echoed, nosniff, no-store on errors), 404 and 405 with Allow alike, and at
 * most one audit event per request (exactly one where a refusal is audited). Spec: CONTRACT §5, §1.1;
 * RFC 9110 §15.5.6; RFC 9457 §3.
 */
@Tag("contract")
class Contract5OneHttpPathParityTest extends SpecTest {
    private static final String T = "parity";
    private static final AtomicInteger IDS = new AtomicInteger();
    /** Routes that audit a refusal of an anonymous request: the client-authenticated endpoints and the admin surfaces. */
    private static final Set<String> AUDITS_ANONYMOUS_REFUSAL = Set.of("POST /t/{tenant}/token", "POST /t/{tenant}/introspect",
            "POST /t/{tenant}/revoke", "POST /t/{tenant}/register");

    private List<String> routes;

    private enum Surface { OAUTH, PROBLEM, SCIM, AGENT }

    @BeforeAll
    void tenant() {
        createTenant(T);
        routes = server.tessera.routes();
        assertThat(routes).hasSizeGreaterThan(60).doesNotHaveDuplicates();
    }

    private static String method(String route) {
        return route.substring(0, route.indexOf(' '));
    }

    private static String pattern(String route) {
        return route.substring(route.indexOf(' ') + 1);
    }

    private static String path(String pattern, String tenant) {
        return pattern.replace("{tenant}", tenant).replace("{clientId}", "c1").replace("{id}", "u1").replace("{app}", "app1")
                .replace("<path>", "x/y");
    }

    /** Whether a concrete path fits a pattern: literals equal, a parameter takes one non-empty segment, <rest> the rest. */
    private static boolean matches(String pattern, String path) {
        String[] p = pattern.substring(1).split("/", -1);
        String[] s = path.substring(1).split("/", -1);
        boolean rest = p[p.length - 1].startsWith("<");
        if (rest ? s.length < p.length : s.length != p.length) return false;
        for (int i = 0; i < (rest ? p.length - 1 : p.length); i++) {
            if (p[i].startsWith("{") ? s[i].isEmpty() : !p[i].equals(s[i])) return false;
        }
        return true;
    }

    private static Surface surface(String pattern) {
        if (pattern.startsWith("/admin/")) return Surface.PROBLEM;
        if (pattern.startsWith("/t/{tenant}/scim/v2")) return Surface.SCIM;
        if (pattern.startsWith("/t/{tenant}/token-handler/")) return Surface.AGENT;
        return Surface.OAUTH;
    }

    private static String requestId() {
        return "parity-" + IDS.incrementAndGet();
    }

    private static void assertError(String what, Http.Response r, Surface s, int status, String code, String requestId) {
        assertError(what, r.status(), r::header, r.body(), s, status, code, requestId);
    }

    /** The error body of the surface, with the given status and code, and the headers every answer has. */
    private static void assertError(String what, int actualStatus, java.util.function.Function<String, String> header, String raw,
                                    Surface s, int status, String code, String requestId) {
        assertThat(actualStatus).as("%s: status", what).isEqualTo(status);
        assertThat(header.apply("X-Request-Id")).as("%s: X-Request-Id", what).isEqualTo(requestId);
        assertThat(header.apply("X-Content-Type-Options")).as("%s: nosniff", what).isEqualTo("nosniff");
        assertThat(header.apply("Cache-Control")).as("%s: Cache-Control", what).contains("no-store");
        if (raw.isEmpty()) {
            assertThat(what).as("only HEAD answers without a body").startsWith("HEAD ");
            return;
        }
        Map<String, Object> body;
        try {
            body = com.nimbusds.jose.util.JSONObjectUtils.parse(raw);
        } catch (java.text.ParseException e) {
            throw new AssertionError(what + ": not JSON: " + raw);
        }
        switch (s) {
            case OAUTH -> {
                assertThat(header.apply("Content-Type")).as(what).startsWith("application/json");
                assertThat(body).as(what).containsEntry("error", code).containsKey("error_description");
            }
            case PROBLEM -> {
                assertThat(header.apply("Content-Type")).as(what).isEqualTo("application/problem+json");
                assertThat(body).as(what).containsEntry("status", (long) status).containsKeys("type", "title", "detail");
            }
            case SCIM -> {
                assertThat(header.apply("Content-Type")).as(what).startsWith("application/scim+json");
                assertThat(body).as(what).containsEntry("status", Integer.toString(status)).containsKey("detail");
            }
            case AGENT -> {
                assertThat(header.apply("Content-Type")).as(what).startsWith("application/json");
                assertThat(body).as(what).containsKeys("code", "message");
            }
        }
    }

    @Test
    @DisplayName("CONTRACT §5: a malformed query string is 400 on every route, in the route's error format, with the same headers")
    void badQuery_everyRoute() {
        RawHttp raw = new RawHttp("127.0.0.1", server.tessera.port());
        for (String route : routes) {
            if (method(route).equals("HEAD")) continue;              // no body to read; HEAD is covered by the tests below
            String id = requestId();
            RawHttp.Reply r = raw.request(method(route), path(pattern(route), T) + "?x=%ZZ").header("X-Request-Id", id).send();
            Surface s = surface(pattern(route));
            assertError(route + " ?x=%ZZ", r.status(), r::header, r.body(), s, 400, s == Surface.SCIM ? null : "invalid_request", id);
        }
    }

    @Test
    @DisplayName("RFC 9110 §15.5.6: a method the path does not have is 405 with Allow naming the table's methods, in the route's format")
    void wrongMethod_everyPath() {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (String route : routes) methods.computeIfAbsent(pattern(route), p -> new LinkedHashSet<>());
        for (String pattern : methods.keySet()) {
            for (String route : routes) if (matches(pattern(route), path(pattern, T))) methods.get(pattern).add(method(route));
        }
        methods.forEach((pattern, allowed) -> {
            String id = requestId();
            Http.Response r = http.method("TRACE", path(pattern, T)).header("X-Request-Id", id).send();
            Surface s = surface(pattern);
            assertError("TRACE " + pattern, r, s, 405, s == Surface.OAUTH ? "invalid_request" : null, id);
            assertThat(r.header("Allow")).as("Allow of %s", pattern).isNotNull();
            assertThat(r.header("Allow").split(", ")).as("Allow of %s", pattern).containsExactlyInAnyOrderElementsOf(allowed);
        });
    }

    @Test
    @DisplayName("CONTRACT §2: every route under an issuer answers an unknown tenant with 404 in its format, before anything else")
    void unknownTenant_everyIssuerRoute() {
        String admin = adminToken();
        for (String route : routes) {
            if (!pattern(route).contains("{tenant}") || pattern(route).startsWith("/admin/")) continue;
            String id = requestId();
            Http.Response r = http.method(method(route), path(pattern(route), "no-such-tenant")).bearer(admin)
                    .header("X-Request-Id", id).send();
            assertError(route + " of an unknown tenant", r, surface(pattern(route)), 404,
                    surface(pattern(route)) == Surface.OAUTH ? "not_found" : null, id);
        }
    }

    @Test
    @DisplayName("CONTRACT §1.1: an anonymous request to any route records at most one audit event; a refused client or admin call exactly one")
    void anonymousRequests_atMostOneAuditEventEach() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String route : routes) {
            String id = requestId();
            ids.put(route, id);
            Http.Request req = http.method(method(route), path(pattern(route), T)).header("X-Request-Id", id);
            if (method(route).equals("POST") || method(route).equals("PUT") || method(route).equals("PATCH")) {
                req = req.form("grant_type", "client_credentials", "token", "x");
            }
            int status = req.send().status();
            assertThat(status).as("%s answers anonymous requests without a server error", route).isLessThan(500);
        }
        List<Map<String, Object>> events = new ArrayList<>(events(T));
        events.addAll(events("system"));
        ids.forEach((route, id) -> {
            long n = events.stream().filter(e -> id.equals(e.get("correlationId"))).count();
            boolean admin = pattern(route).startsWith("/admin/") || pattern(route).startsWith("/t/{tenant}/scim/");
            if (AUDITS_ANONYMOUS_REFUSAL.contains(route) || admin) {
                assertThat(n).as("audit events of anonymous %s", route).isEqualTo(1);
            } else {
                assertThat(n).as("audit events of anonymous %s", route).isLessThanOrEqualTo(1);
            }
        });
    }

    @Test
    @DisplayName("CONTRACT §1.1: a successful token request records exactly one audit event, token.issued, under its correlation id")
    void successfulRequest_oneAuditEvent() {
        RegisteredClient c = serviceClient(T, "opaque");
        String id = requestId();
        http.post("/t/" + T + "/token").basicAuth(c.clientId(), c.clientSecret()).header("X-Request-Id", id)
                .form("grant_type", "client_credentials").send().expectStatus(200).expectHeader("X-Request-Id", id)
                .expectHeader("X-Content-Type-Options", "nosniff").expectHeader("Cache-Control", "no-store");
        List<Map<String, Object>> mine = events(T).stream().filter(e -> id.equals(e.get("correlationId"))).toList();
        assertThat(mine).singleElement().satisfies(e -> assertThat(e).containsEntry("type", "token.issued"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String tenant) {
        List<Map<String, Object>> out = new ArrayList<>();
        String next = "/admin/v1/tenants/" + tenant + "/audit-events?limit=1000";
        while (next != null) {
            Map<String, Object> page = http.get(next).bearer(adminToken()).send().expectStatus(200).json();
            out.addAll((List<Map<String, Object>>) page.get("events"));
            next = (String) page.get("next");
        }
        return out;
    }
}
