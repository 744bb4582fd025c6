package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The admin API of token-handler apps: {@code PUT /admin/v1/tenants/{T}/token-handlers/{app}} (201 created,
 * 200 updated), {@code GET}, {@code DELETE}; the body validated strictly against the tenant's clients;
 * RFC 9457 problems on error. Spec: CONTRACT §6.2, §3, §5, §7; RFC 9457.
 */
@Tag("contract6")
class TokenHandlerContract6_2AdminTest extends TokenHandlerSpecTest {

    private String path(String tenant, String app) {
        return "/admin/v1/tenants/" + tenant + "/token-handlers/" + app;
    }

    private Http.Response problem(Http.Response r, int status) {
        r.expectStatus(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.json()).containsEntry("status", (long) status).containsKeys("type", "title", "detail");
        return r;
    }

    @Test
    @DisplayName("CONTRACT §6.2: PUT creates (201, Location) and updates (200); GET returns the app with its agent URL; DELETE → 204, then 404")
    void lifecycle() {
        String t = freshTenant("th-admin");
        RegisteredClient c = confidentialClient(t);
        Http.Response created = putApp(t, "web", appJson(c.clientId(), "th")).expectStatus(201);
        assertThat(created.header("Location")).isEqualTo(server.baseUrl + path(t, "web"));
        assertThat(created.json()).containsEntry("id", "web").containsEntry("clientId", c.clientId())
                .containsEntry("webOrigins", List.of(ORIGIN)).containsEntry("cookiePrefix", "th").containsEntry("cookiePath", "/")
                .containsEntry("redirectUri", REDIRECT).containsEntry("scope", "openid profile email offline_access")
                .containsEntry("oauthAgentUrl", server.issuer(t) + "/token-handler/web").containsKeys("createdAt", "updatedAt")
                .doesNotContainKey("cookieDomain");
        Http.Response updated = putApp(t, "web", appJson(c.clientId(), "th2", "\"cookiePath\":\"/t/\"")).expectStatus(200);
        assertThat(updated.json()).containsEntry("cookiePrefix", "th2").containsEntry("cookiePath", "/t/")
                .containsEntry("createdAt", created.json().get("createdAt"));
        assertThat(http.get(path(t, "web")).bearer(adminToken()).send().expectStatus(200).json()).isEqualTo(updated.json());
        http.delete(path(t, "web")).bearer(adminToken()).send().expectStatus(204);
        problem(http.get(path(t, "web")).bearer(adminToken()).send(), 404);
        problem(http.delete(path(t, "web")).bearer(adminToken()).send(), 404);
        http.post("/t/" + t + "/token-handler/web/login/start").header("Origin", ORIGIN).send().expectStatus(404);
        assertThat(events(t)).extracting(e -> e.get("type")).contains("token_handler.created", "token_handler.updated",
                "token_handler.deleted");
    }

    @Test
    @DisplayName("CONTRACT §6.2: the scope defaults to the client's whole registered scope; an app on loopback http may be registered")
    void defaults() {
        String t = freshTenant("th-admin");
        RegisteredClient c = confidentialClient(t);
        Map<String, Object> app = putApp(t, "web", "{\"clientId\":\"" + c.clientId() + "\",\"webOrigins\":[\"" + ORIGIN
                + "\"],\"cookiePrefix\":\"th\",\"redirectUri\":\"" + REDIRECT + "\"}").expectStatus(201).json();
        assertThat(app).containsEntry("scope", SCOPES).containsEntry("cookiePath", "/");
    }

    @Test
    @DisplayName("CONTRACT §3: without an admin token → 401; with a token lacking scope admin → 403")
    void authorization() {
        String t = freshTenant("th-admin");
        RegisteredClient c = confidentialClient(t);
        problem(http.put(path(t, "web")).json(appJson(c.clientId(), "th")).send(), 401);
        problem(http.get(path(t, "web")).send(), 401);
        problem(http.delete(path(t, "web")).bearer("garbage").send(), 401);
        RegisteredClient svc = serviceClient("system", "opaque");
        String notAdmin = clientCredentialsToken("system", svc, "scope", "read");
        problem(http.put(path(t, "web")).bearer(notAdmin).json(appJson(c.clientId(), "th")).send(), 403);
    }

    @Test
    @DisplayName("CONTRACT §6.2: unknown tenant → 404; app ids follow the tenant-id pattern → 400 otherwise")
    void tenantAndAppIds() {
        String t = freshTenant("th-admin");
        RegisteredClient c = confidentialClient(t);
        problem(putApp("no-such-tenant", "web", appJson(c.clientId(), "th")), 404);
        for (String bad : List.of("Web", "-web", "w_b", "a".repeat(64))) {
            problem(putApp(t, bad, appJson(c.clientId(), "th")), 400);
        }
    }

    @Test
    @DisplayName("CONTRACT §6.2: the client must exist in the tenant, hold the code grant, the redirect URI and the scope → 400 otherwise")
    void clientChecks() {
        String t = freshTenant("th-admin");
        RegisteredClient c = confidentialClient(t);
        problem(putApp(t, "web", appJson("no-such-client", "th")), 400);
        RegisteredClient other = confidentialClient(freshTenant("th-admin"));
        problem(putApp(t, "web", appJson(other.clientId(), "th")), 400);            // another tenant's client
        RegisteredClient service = serviceClient(t, "opaque");
        problem(putApp(t, "web", appJson(service.clientId(), "th")), 400);          // no authorization_code
        problem(putApp(t, "web", "{\"clientId\":\"" + c.clientId() + "\",\"webOrigins\":[\"" + ORIGIN
                + "\"],\"cookiePrefix\":\"th\",\"redirectUri\":\"" + ORIGIN + "/other\"}"), 400);
        problem(putApp(t, "web", appJson(c.clientId(), "th").replace("openid profile email offline_access", "openid admin"))
                , 400);
        problem(putApp(t, "web", appJson(c.clientId(), "th").replace("openid profile email offline_access", "profile"))
                , 400);
        problem(http.get(path(t, "web")).bearer(adminToken()).send(), 404);
    }

    @Test
    @DisplayName("CONTRACT §6.2: members are validated strictly: origins, redirect URI, cookie prefix, path, domain, unknown members")
    void strictValidation() {
        String t = freshTenant("th-admin");
        RegisteredClient c = confidentialClient(t);
        String id = "\"clientId\":\"" + c.clientId() + "\"";
        String redirect = "\"redirectUri\":\"" + REDIRECT + "\"";
        String origins = "\"webOrigins\":[\"" + ORIGIN + "\"]";
        String prefix = "\"cookiePrefix\":\"th\"";
        List<String> bad = List.of(
                "{" + origins + "," + prefix + "," + redirect + "}",
                "{" + id + "," + prefix + "," + redirect + "}",
                "{" + id + "," + origins + "," + redirect + "}",
                "{" + id + "," + origins + "," + prefix + "}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"extra\":1}",
                "{" + id + ",\"webOrigins\":[]," + prefix + "," + redirect + "}",
                "{" + id + ",\"webOrigins\":\"" + ORIGIN + "\"," + prefix + "," + redirect + "}",
                "{" + id + ",\"webOrigins\":[\"" + ORIGIN + "/\"]," + prefix + "," + redirect + "}",
                "{" + id + ",\"webOrigins\":[\"" + ORIGIN + ":443\"]," + prefix + "," + redirect + "}",
                "{" + id + ",\"webOrigins\":[\"HTTPS://APP.EXAMPLE\"]," + prefix + "," + redirect + "}",
                "{" + id + ",\"webOrigins\":[\"http://app.example\"]," + prefix + "," + redirect + "}",
                "{" + id + ",\"webOrigins\":[\"" + ORIGIN + "\",\"" + ORIGIN + "\"]," + prefix + "," + redirect + "}",
                "{" + id + ",\"webOrigins\":[\"https://other.example\"]," + prefix + "," + redirect + "}",
                "{" + id + ",\"webOrigins\":[42]," + prefix + "," + redirect + "}",
                "{" + id + "," + origins + ",\"cookiePrefix\":\"__Host-th\"," + redirect + "}",
                "{" + id + "," + origins + ",\"cookiePrefix\":\"th;x\"," + redirect + "}",
                "{" + id + "," + origins + ",\"cookiePrefix\":\"\"," + redirect + "}",
                "{" + id + "," + origins + ",\"cookiePrefix\":\"" + "p".repeat(41) + "\"," + redirect + "}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"cookiePath\":\"app\"}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"cookiePath\":\"/a;b\"}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"cookiePath\":\"/api\"}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"cookiePath\":\"/t/" + t + "/token\"}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"cookieDomain\":\".example\"}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"cookieDomain\":\"other.example\"}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"cookieDomain\":null}",
                "{" + id + "," + origins + "," + prefix + ",\"redirectUri\":\"/cb\"}",
                "{" + id + "," + origins + "," + prefix + ",\"redirectUri\":\"" + REDIRECT + "#x\"}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"scope\":\"\"}",
                "{" + id + "," + origins + "," + prefix + "," + redirect + ",\"scope\":42}",
                "{\"clientId\":\"\"," + origins + "," + prefix + "," + redirect + "}");
        for (String body : bad) {
            problem(putApp(t, "web", body), 400);
        }
        problem(http.get(path(t, "web")).bearer(adminToken()).send(), 404);
        problem(http.put(path(t, "web")).bearer(adminToken()).body("text/plain", appJson(c.clientId(), "th")).send(), 415);
    }

    @Test
    @DisplayName("CONTRACT §6.2: two apps of a tenant cannot share a cookie prefix → 409; another tenant may use it")
    void prefixIsUniquePerTenant() {
        String t = freshTenant("th-admin");
        RegisteredClient c = confidentialClient(t);
        putApp(t, "web", appJson(c.clientId(), "th")).expectStatus(201);
        problem(putApp(t, "admin", appJson(c.clientId(), "th")), 409);
        putApp(t, "admin", appJson(c.clientId(), "adm")).expectStatus(201);
        problem(putApp(t, "admin", appJson(c.clientId(), "th")), 409);
        String u = freshTenant("th-admin");
        putApp(u, "web", appJson(confidentialClient(u).clientId(), "th")).expectStatus(201);
    }

    @Test
    @DisplayName("CONTRACT §2: deleting the tenant deletes its apps; a new tenant of the same id has none")
    void tenantDeletion_removesApps() {
        String t = freshTenant("th-admin");
        RegisteredClient c = confidentialClient(t);
        putApp(t, "web", appJson(c.clientId(), "th")).expectStatus(201);
        http.delete("/admin/v1/tenants/" + t).bearer(adminToken()).send().expectStatus(204);
        createTenant(t);
        problem(http.get(path(t, "web")).bearer(adminToken()).send(), 404);
        http.post("/t/" + t + "/token-handler/web/login/start").header("Origin", ORIGIN).send().expectStatus(404);
        long rows = server.tessera.database().jdbc().queryOne("SELECT COUNT(*) FROM token_handler_keys WHERE tenant_id = ?",
                rs -> rs.getLong(1), t).orElseThrow();
        assertThat(rows).isZero();
    }
}
