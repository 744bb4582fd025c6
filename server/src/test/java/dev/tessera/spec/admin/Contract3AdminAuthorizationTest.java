package dev.tessera.spec.admin;

import static dev.tessera.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import dev.tessera.testing.TestServer;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §3 with RFC 6750 §3: the admin surfaces need a bearer token of tenant {@code system}
 * with scope {@code admin}; anything else is refused with a challenge and changes nothing.
 */
@Tag("contract")
@Tag("rfc6750")
class Contract3AdminAuthorizationTest extends SpecTest {

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every admin operation on tenant {@code t}, sent with the given Authorization header (null: none). */
    private Http.Response[] everyOperation(String t, String authorization) {
        Function<Http.Request, Http.Request> auth = r -> authorization == null ? r : r.header("Authorization", authorization);
        return new Http.Response[] {
                auth.apply(http.put("/admin/v1/tenants/" + t).json("{\"displayName\":\"Intruder\"}")).send(),
                auth.apply(http.get("/admin/v1/tenants/" + t)).send(),
                auth.apply(http.delete("/admin/v1/tenants/" + t)).send(),
                auth.apply(http.post("/admin/v1/tenants/" + t + "/keys/rotate")).send(),
                auth.apply(http.get("/admin/v1/tenants/" + t + "/audit-events")).send()};
    }

    private String tokenOf(String tenant, RegisteredClient c, String scope) {
        return clientCredentialsToken(tenant, c, "scope", scope);
    }

    private void assertUnchanged(String t) {
        assertThat(http.get("/admin/v1/tenants/" + t).bearer(adminToken()).send().expectStatus(200).json())
                .containsEntry("displayName", "Original");
    }

    @Test
    @DisplayName("RFC 6750 §3: no token → 401 problem with WWW-Authenticate: Bearer, on every admin operation")
    void noToken_is401WithChallenge() {
        String t = fresh("noauth");
        putTenant(t, "{\"displayName\":\"Original\"}");
        for (Http.Response r : everyOperation(t, null)) {
            expectProblem(r, 401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ");
        }
        assertUnchanged(t);
    }

    @Test
    @DisplayName("RFC 6750 §3: a non-Bearer Authorization (the admin client's Basic credentials) → 401 with challenge")
    void basicCredentials_are401() {
        String t = fresh("basic");
        putTenant(t, "{\"displayName\":\"Original\"}");
        for (Http.Response r : everyOperation(t, Http.basic(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET))) {
            expectProblem(r, 401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ");
        }
        assertUnchanged(t);
    }

    @Test
    @DisplayName("RFC 6750 §3.1: an unknown token → 401 problem with error=\"invalid_token\"")
    void unknownToken_is401InvalidToken() {
        String t = fresh("unknown");
        putTenant(t, "{\"displayName\":\"Original\"}");
        for (String bogus : new String[] {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-token", "a.b.c"}) {
            for (Http.Response r : everyOperation(t, "Bearer " + bogus)) {
                expectProblem(r, 401);
                assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"invalid_token\"");
            }
        }
        assertUnchanged(t);
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a system-tenant token without scope admin → 403 problem with error=\"insufficient_scope\"")
    void systemTokenWithoutAdminScope_is403() {
        String t = fresh("scope");
        putTenant(t, "{\"displayName\":\"Original\"}");
        RegisteredClient reader = register("system", "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read admin:view\"}");
        for (String scope : new String[] {"read", "admin:view"}) {
            for (Http.Response r : everyOperation(t, "Bearer " + tokenOf("system", reader, scope))) {
                expectProblem(r, 403);
                assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"insufficient_scope\"");
            }
        }
        assertUnchanged(t);
    }

    @Test
    @DisplayName("CONTRACT §2: a token with scope admin from another tenant is not an admin token → 401")
    void adminScopeOfOtherTenant_is401() {
        String other = fresh("other");
        createTenant(other);
        String t = fresh("target");
        putTenant(t, "{\"displayName\":\"Original\"}");
        for (String format : new String[] {"opaque", "jwt"}) {
            RegisteredClient c = register(other, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"admin\","
                    + "\"access_token_format\":\"" + format + "\"}");
            String token = tokenOf(other, c, "admin");
            for (Http.Response r : everyOperation(t, "Bearer " + token)) {
                expectProblem(r, 401);
                assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ");
            }
            for (Http.Response r : everyOperation(other, "Bearer " + token)) {
                expectProblem(r, 401);
            }
        }
        assertUnchanged(t);
    }

    @Test
    @DisplayName("CONTRACT §3: a JWT admin token of tenant system is accepted like an opaque one")
    void jwtAdminToken_isAccepted() {
        RegisteredClient jwtAdmin = register("system", "{\"grant_types\":[\"client_credentials\"],\"scope\":\"admin\","
                + "\"access_token_format\":\"jwt\"}");
        String token = tokenOf("system", jwtAdmin, "admin");
        assertThat(token.split("\\.")).hasSize(3);
        String t = fresh("jwtadm");
        http.put("/admin/v1/tenants/" + t).bearer(token).json("{\"displayName\":\"Via JWT\"}").send().expectStatus(201);
    }

    @Test
    @DisplayName("RFC 6750 §3.1: an expired admin token → 401 invalid_token")
    void expiredAdminToken_is401() {
        String token = adminToken();
        String t = fresh("expired");
        http.put("/admin/v1/tenants/" + t).bearer(token).json("{\"displayName\":\"Original\"}").send().expectStatus(201);
        server.clock.advance(java.time.Duration.ofSeconds(301));
        Http.Response r = http.get("/admin/v1/tenants/" + t).bearer(token).send();
        expectProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    @DisplayName("RFC 7009 §2: a revoked admin token → 401")
    void revokedAdminToken_is401() {
        String token = adminToken();
        String t = fresh("revoked");
        http.put("/admin/v1/tenants/" + t).bearer(token).json("{\"displayName\":\"Original\"}").send().expectStatus(201);
        http.post("/t/system/revoke").basicAuth(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET)
                .form("token", token).send().expectStatus(200);
        expectProblem(http.get("/admin/v1/tenants/" + t).bearer(token).send(), 401);
    }
}
