package dev.tessera.spec.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CONTRACT §2–3 (issue 2 item 3): deleting a tenant makes its issuer, clients and tokens unknown. */
@Tag("contract")
class Contract3TenantDeletionTest extends SpecTest {

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void deleteTenant(String t) {
        http.delete("/admin/v1/tenants/" + t).bearer(adminToken()).send().expectStatus(204);
    }

    private Map<String, Object> introspect(String t, RegisteredClient caller, String token) {
        return http.post("/t/" + t + "/introspect").basicAuth(caller.clientId(), caller.clientSecret())
                .form("token", token).send().expectStatus(200).json();
    }

    @Test
    @DisplayName("CONTRACT §2: after DELETE every endpoint of the tenant's issuer → 404")
    void deletedTenant_issuerAnswers404() {
        String t = fresh("gone");
        createTenant(t);
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        http.get("/t/" + t + "/jwks").send().expectStatus(200);
        deleteTenant(t);

        http.get("/t/" + t + "/.well-known/openid-configuration").send().expectStatus(404);
        http.get("/.well-known/oauth-authorization-server/t/" + t).send().expectStatus(404);
        http.get("/t/" + t + "/jwks").send().expectStatus(404);
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret())
                .form("grant_type", "client_credentials").send().expectStatus(404);
        http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), c.clientSecret())
                .form("token", token).send().expectStatus(404);
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret())
                .form("token", token).send().expectStatus(404);
        http.post("/t/" + t + "/register").bearer(adminToken()).json("{\"grant_types\":[\"client_credentials\"]}")
                .send().expectStatus(404);
        http.get("/t/" + t + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send().expectStatus(404);
    }

    @Test
    @DisplayName("CONTRACT §2: tokens issued before deletion introspect inactive after the tenant is re-created")
    void tokensBeforeDeletion_areInactiveAfterRecreation() {
        String t = fresh("reborn");
        createTenant(t);
        RegisteredClient opaqueClient = serviceClient(t, "opaque");
        RegisteredClient jwtClient = serviceClient(t, "jwt");
        String opaque = clientCredentialsToken(t, opaqueClient, "scope", "read");
        String jwt = clientCredentialsToken(t, jwtClient, "scope", "read");
        assertThat(introspect(t, opaqueClient, opaque)).containsEntry("active", true);
        assertThat(introspect(t, opaqueClient, jwt)).containsEntry("active", true);

        deleteTenant(t);
        createTenant(t);
        RegisteredClient fresh = serviceClient(t, "opaque");
        assertThat(introspect(t, fresh, opaque)).isEqualTo(Map.of("active", false));
        assertThat(introspect(t, fresh, jwt)).isEqualTo(Map.of("active", false));
    }

    @Test
    @DisplayName("CONTRACT §2: a client registered before deletion cannot get tokens after re-creation → 401 invalid_client")
    void clientBeforeDeletion_isUnknownAfterRecreation() {
        String t = fresh("forgot");
        createTenant(t);
        RegisteredClient c = serviceClient(t, "opaque");
        clientCredentialsToken(t, c);
        deleteTenant(t);
        createTenant(t);
        Http.Response r = http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret())
                .form("grant_type", "client_credentials").send().expectStatus(401).expectError("invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        http.get("/t/" + t + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send().expectStatus(401);
    }

    @Test
    @DisplayName("CONTRACT §2: the re-created tenant publishes none of the deleted tenant's keys")
    void recreatedTenant_hasNewKeys() {
        String t = fresh("rekey");
        createTenant(t);
        Map<String, Object> before = http.get("/t/" + t + "/jwks").send().expectStatus(200).json();
        deleteTenant(t);
        createTenant(t);
        Map<String, Object> after = http.get("/t/" + t + "/jwks").send().expectStatus(200).json();
        assertThat(kids(after)).hasSize(4).doesNotContainAnyElementsOf(kids(before));   // ES256 and RS256 chains
    }

    @Test
    @DisplayName("CONTRACT §2: deleting one tenant leaves another tenant's clients and tokens working")
    void deletion_leavesOtherTenantsAlone() {
        String doomed = fresh("doomed");
        String survivor = fresh("survivor");
        createTenant(doomed);
        createTenant(survivor);
        serviceClient(doomed, "opaque");
        RegisteredClient c = serviceClient(survivor, "opaque");
        String token = clientCredentialsToken(survivor, c);
        String jwksBefore = http.get("/t/" + survivor + "/jwks").send().expectStatus(200).body();
        deleteTenant(doomed);
        assertThat(introspect(survivor, c, token)).containsEntry("active", true);
        clientCredentialsToken(survivor, c);
        assertThat(http.get("/t/" + survivor + "/jwks").send().expectStatus(200).body()).isEqualTo(jwksBefore);
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<String> kids(Map<String, Object> jwks) {
        return ((java.util.List<Map<String, Object>>) jwks.get("keys")).stream().map(k -> (String) k.get("kid")).toList();
    }
}
