package dev.tessera.spec.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import dev.tessera.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7591 §3.1 (request, initial access token) and §3.2.1 (client information response), with
 * CONTRACT §3: the admin token is the initial access token; secrets are ≥ 256 bits and stored hashed.
 */
@Tag("rfc7591")
class Rfc7591Section3RegistrationTest extends SpecTest {
    private static final String EC_PUBLIC_JWKS = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"k1\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\",\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";

    private String t;

    @BeforeAll
    void tenant() {
        t = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        createTenant(t);
    }

    private Http.Response registerRaw(String bearer, String json) {
        Http.Request r = http.post("/t/" + t + "/register").json(json);
        if (bearer != null) r.bearer(bearer);
        return r.send();
    }

    private long clientCount() {
        return server.tessera.database().jdbc().queryOne("SELECT COUNT(*) FROM clients WHERE tenant_id = ?",
                rs -> rs.getLong(1), t).orElseThrow();
    }

    private static long seconds(Object n) {
        return ((Number) n).longValue();
    }

    @Test
    @DisplayName("RFC 7591 §3.2.1: success → 201 with client_id, client_secret, issued/expiry times, registration token and URI")
    void register_returnsClientInformation() {
        Http.Response r = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read write\","
                + "\"client_name\":\"Billing\"}").expectStatus(201);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        Map<String, Object> body = r.json();
        String id = (String) body.get("client_id");
        assertThat(id).isNotBlank();
        assertThat((String) body.get("client_secret")).matches("[A-Za-z0-9_-]{43,}");
        assertThat(seconds(body.get("client_id_issued_at"))).isEqualTo(server.clock.instant().getEpochSecond());
        assertThat(seconds(body.get("client_secret_expires_at"))).isZero();
        assertThat((String) body.get("registration_access_token")).matches("[A-Za-z0-9_-]{43,}");
        assertThat(body.get("registration_client_uri")).isEqualTo(server.issuer(t) + "/register/" + id);
        assertThat(body).containsEntry("grant_types", List.of("client_credentials")).containsEntry("scope", "read write")
                .containsEntry("client_name", "Billing").containsEntry("token_endpoint_auth_method", "client_secret_basic");
    }

    @Test
    @DisplayName("RFC 7591 §3.2.1: the registered metadata is echoed, Tessera's access_token_format and consent_required included")
    void register_echoesTesseraMembers() {
        Map<String, Object> body = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_post\",\"access_token_format\":\"jwt\","
                + "\"consent_required\":true,\"scope\":\"read\"}").expectStatus(201).json();
        assertThat(body).containsEntry("access_token_format", "jwt").containsEntry("consent_required", true)
                .containsEntry("token_endpoint_auth_method", "client_secret_post");
        Map<String, Object> opaque = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"],"
                + "\"access_token_format\":\"opaque\",\"consent_required\":false}").expectStatus(201).json();
        assertThat(opaque).containsEntry("access_token_format", "opaque").containsEntry("consent_required", false);
    }

    @Test
    @DisplayName("RFC 7591 §3.2.1 / CONTRACT §3: server-provisioned defaults are in the response (consent_required false)")
    void register_echoesDefaults() {
        Map<String, Object> body = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"]}")
                .expectStatus(201).json();
        assertThat(body).containsEntry("consent_required", false)
                .containsEntry("token_endpoint_auth_method", "client_secret_basic")
                .containsEntry("grant_types", List.of("client_credentials"));
    }

    @Test
    @DisplayName("RFC 7591 §3.2.1: the registered client authenticates with the returned secret at the token endpoint")
    void registeredClient_canGetTokens() {
        Map<String, Object> body = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}")
                .expectStatus(201).json();
        http.post("/t/" + t + "/token").basicAuth((String) body.get("client_id"), (String) body.get("client_secret"))
                .form("grant_type", "client_credentials", "scope", "read").send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7591 §3.2.1: a private_key_jwt client gets no secret and no client_secret_expires_at; its jwks is echoed")
    void privateKeyJwtClient_hasNoSecret() {
        Map<String, Object> body = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":" + EC_PUBLIC_JWKS + "}")
                .expectStatus(201).json();
        assertThat(body).doesNotContainKey("client_secret").doesNotContainKey("client_secret_expires_at")
                .containsEntry("token_endpoint_auth_method", "private_key_jwt").containsKey("jwks")
                .containsKey("registration_access_token");
        String stored = server.tessera.database().jdbc().queryOne(
                "SELECT secret_hash FROM clients WHERE tenant_id = ? AND client_id = ?",
                rs -> rs.getString(1) == null ? "<null>" : rs.getString(1), t, body.get("client_id")).orElse("row missing");
        assertThat(stored).isEqualTo("<null>");
    }

    @Test
    @DisplayName("CONTRACT §3 / issue 2 item 6: secrets are unique per client and stored only as keyed hashes")
    void secrets_areStoredOnlyAsHashes() {
        Map<String, Object> a = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"]}").expectStatus(201).json();
        Map<String, Object> b = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"]}").expectStatus(201).json();
        assertThat(a.get("client_secret")).isNotEqualTo(b.get("client_secret"));
        assertThat(a.get("client_id")).isNotEqualTo(b.get("client_id"));
        String secret = (String) a.get("client_secret");
        String rat = (String) a.get("registration_access_token");
        List<String> row = server.tessera.database().jdbc().queryOne(
                "SELECT secret_hash, registration_token_hash, metadata FROM clients WHERE tenant_id = ? AND client_id = ?",
                rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)), t, a.get("client_id")).orElseThrow();
        assertThat(row.get(0)).isNotBlank().isNotEqualTo(secret).doesNotContain(secret);
        assertThat(row.get(1)).isNotBlank().isNotEqualTo(rat).doesNotContain(rat);
        assertThat(row.get(2)).doesNotContain(secret).doesNotContain(rat).doesNotContain("client_secret\"");
        List<String> all = server.tessera.database().jdbc().query("SELECT * FROM clients", rs -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) sb.append(rs.getString(i)).append('|');
            return sb.toString();
        });
        assertThat(all).noneMatch(s -> s.contains(secret) || s.contains(rat));
    }

    @Test
    @DisplayName("RFC 7591 §3 / RFC 6750 §3.1: without an initial access token → 401 with a Bearer challenge, nothing stored")
    void withoutToken_is401() {
        long before = clientCount();
        Http.Response r = registerRaw(null, "{\"grant_types\":[\"client_credentials\"]}").expectStatus(401);
        // RFC 6750 §3.1: no error code in the challenge when no token was presented
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error=");
        assertThat(r.json()).containsKey("error");
        assertThat(clientCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("RFC 7591 §3 / RFC 6750 §3.1: an invalid initial access token → 401 invalid_token with WWW-Authenticate")
    void invalidToken_is401() {
        long before = clientCount();
        for (String bogus : new String[] {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x.y.z", "nonsense"}) {
            Http.Response r = registerRaw(bogus, "{\"grant_types\":[\"client_credentials\"]}").expectStatus(401)
                    .expectError("invalid_token");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
        }
        Http.Response basic = http.post("/t/" + t + "/register")
                .basicAuth(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET)
                .json("{\"grant_types\":[\"client_credentials\"]}").send().expectStatus(401);
        assertThat(basic.header("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error=");
        assertThat(clientCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("CONTRACT §3: only a system token with scope admin is an initial access token (tenant or non-admin tokens → 401)")
    void nonAdminTokens_are401() {
        long before = clientCount();
        RegisteredClient own = register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"admin read\"}");
        String ownAdminScoped = clientCredentialsToken(t, own, "scope", "admin");
        RegisteredClient sys = register("system", "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        String systemNonAdmin = clientCredentialsToken("system", sys, "scope", "read");
        for (String token : new String[] {ownAdminScoped, systemNonAdmin, own.registrationAccessToken()}) {
            registerRaw(token, "{\"grant_types\":[\"client_credentials\"]}").expectStatus(401).expectError("invalid_token");
        }
        assertThat(clientCount()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("RFC 7591 §3.1: the request must be JSON: a form body → 415, nothing stored")
    void formBody_isRejected() {
        long before = clientCount();
        http.post("/t/" + t + "/register").bearer(adminToken())
                .form("grant_types", "client_credentials").send().expectStatus(415);
        assertThat(clientCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("RFC 7591 §3.1: registration at an unknown tenant → 404")
    void unknownTenant_is404() {
        http.post("/t/no-such-tenant-" + UUID.randomUUID().toString().substring(0, 8) + "/register").bearer(adminToken())
                .json("{\"grant_types\":[\"client_credentials\"]}").send().expectStatus(404);
    }

    @Test
    @DisplayName("RFC 7591 §3.1: server-managed members in the request (client_id, client_secret) are ignored, not adopted")
    void serverManagedMembers_areIgnored() {
        Map<String, Object> body = registerRaw(adminToken(), "{\"grant_types\":[\"client_credentials\"],"
                + "\"client_id\":\"chosen-by-attacker\",\"client_secret\":\"weak\",\"client_secret_expires_at\":1}")
                .expectStatus(201).json();
        assertThat(body.get("client_id")).isNotEqualTo("chosen-by-attacker");
        assertThat(body.get("client_secret")).isNotEqualTo("weak");
        assertThat(seconds(body.get("client_secret_expires_at"))).isZero();
    }
}
