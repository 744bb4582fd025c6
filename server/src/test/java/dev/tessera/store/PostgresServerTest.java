package dev.tessera.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import dev.tessera.server.Setting;
import dev.tessera.testing.SpecTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole server, black-box over HTTP, on a real PostgreSQL (embedded, a fresh database migrated by
 * the server itself): admin token, tenants, keys, registration, tokens of both formats, private_key_jwt
 * replay protection, introspection, revocation and the audit trail.
 */
@Tag("postgres")
class PostgresServerTest extends SpecTest {
    private final AtomicInteger tenantCounter = new AtomicInteger();
    private StoreFixture.PostgresDatabase pg;

    @Override
    protected Map<Setting, String> serverSettings() {
        pg = StoreFixture.newPostgresDatabase();
        return Map.of(Setting.DB_URL, pg.url(), Setting.DB_USER, pg.user(), Setting.DB_PASSWORD, pg.password());
    }

    private String newTenant() {
        String t = "pg-" + tenantCounter.incrementAndGet();
        createTenant(t);
        return t;
    }

    @Test
    @DisplayName("PostgreSQL: the server stores its data in the PostgreSQL database it was given")
    void serverRunsOnPostgres() throws Exception {
        assertThat(server.tessera.database().dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
        http.get("/health/ready").send().expectStatus(200);
        String t = newTenant();
        assertThat(count("SELECT COUNT(*) FROM tenants WHERE id = ?", t)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM signing_keys WHERE tenant_id = ? AND state IN ('ACTIVE', 'NEXT')", t)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM clients WHERE tenant_id = ?", "system")).isEqualTo(1);
    }

    @Test
    @DisplayName("PostgreSQL: tenant create, read, update, key rotation and delete")
    void tenantLifecycle() {
        String admin = adminToken();
        http.put("/admin/v1/tenants/pg-life").bearer(admin).json("{\"displayName\":\"Life\"}").send().expectStatus(201);
        http.put("/admin/v1/tenants/pg-life").bearer(admin).json("{\"displayName\":\"Life 2\",\"accessTokenFormat\":\"jwt\"}")
                .send().expectStatus(200);
        Map<String, Object> read = http.get("/admin/v1/tenants/pg-life").bearer(admin).send().expectStatus(200).json();
        assertThat(read).containsEntry("displayName", "Life 2").containsEntry("accessTokenFormat", "jwt");
        assertThat(jwksKids("pg-life")).hasSize(4);   // ACTIVE and NEXT of the tenant's algorithm and of RS256 (CONTRACT §2)

        http.post("/admin/v1/tenants/pg-life/keys/rotate").bearer(admin).send().expectStatus(204);
        assertThat(jwksKids("pg-life")).hasSize(6);   // each chain's retired key stays published

        http.delete("/admin/v1/tenants/pg-life").bearer(admin).send().expectStatus(204);
        http.get("/admin/v1/tenants/pg-life").bearer(admin).send().expectStatus(404);
        http.delete("/admin/v1/tenants/pg-life").bearer(admin).send().expectStatus(404);
    }

    @Test
    @DisplayName("PostgreSQL: RFC 7591/7592 register, read, update and delete a client")
    void clientRegistrationLifecycle() {
        String t = newTenant();
        RegisteredClient c = serviceClient(t, "opaque");
        String path = "/t/" + t + "/register/" + c.clientId();
        // RFC 7592 §3: every read and update hands out the next registration access token
        String rat = http.get(path).bearer(c.registrationAccessToken()).send().expectStatus(200)
                .string("registration_access_token");
        http.get(path).bearer(c.registrationAccessToken()).send().expectStatus(401);
        Map<String, Object> updated = http.put(path).bearer(rat)
                .json("{\"client_id\":\"" + c.clientId() + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\","
                        + "\"access_token_format\":\"opaque\",\"client_name\":\"Renamed\"}")
                .send().expectStatus(200).json();
        assertThat(updated).containsEntry("client_name", "Renamed").containsEntry("scope", "read");
        rat = (String) updated.get("registration_access_token");
        Map<String, Object> read = http.get(path).bearer(rat).send().expectStatus(200).json();
        assertThat(read).containsEntry("client_name", "Renamed");
        rat = (String) read.get("registration_access_token");

        http.delete(path).bearer(rat).send().expectStatus(204);
        http.get(path).bearer(rat).send().expectStatus(401);
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret()).form("grant_type", "client_credentials")
                .send().expectStatus(401).expectError("invalid_client");
    }

    @Test
    @DisplayName("PostgreSQL: an opaque client credentials token introspects active until revoked")
    void opaqueToken_introspectionAndRevocation() {
        assertIssueIntrospectRevoke(newTenant(), "opaque");
    }

    @Test
    @DisplayName("PostgreSQL: a JWT client credentials token introspects active until revoked")
    void jwtToken_introspectionAndRevocation() throws Exception {
        String t = newTenant();
        String token = assertIssueIntrospectRevoke(t, "jwt");
        assertThat(jwksKids(t)).contains(SignedJWT.parse(token).getHeader().getKeyID());
    }

    @Test
    @DisplayName("PostgreSQL: a private_key_jwt client assertion authenticates once; its replay is refused")
    void privateKeyJwt_assertionIsConsumedOnce() throws Exception {
        String t = newTenant();
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        RegisteredClient c = register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\","
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":[" + key.toPublicJWK().toJSONString()
                + "]}}");
        // RFC 7523 §3: aud is the token endpoint as the authorization server publishes it
        String tokenEndpoint = http.get("/t/" + t + "/.well-known/openid-configuration").send().expectStatus(200)
                .string("token_endpoint");
        Date now = Date.from(server.clock.instant());
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(c.clientId()),
                List.of(new Audience(tokenEndpoint)), new Date(now.getTime() + 120_000), null, now,
                new JWTID("assertion-1"));
        String assertion = new PrivateKeyJWT(claims, JWSAlgorithm.ES256, key.toECPrivateKey(), "k1", null)
                .getClientAssertion().serialize();
        String[] form = {"grant_type", "client_credentials", "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion};

        http.post("/t/" + t + "/token").form(form).send().expectStatus(200);
        http.post("/t/" + t + "/token").form(form).send().expectStatus(401).expectError("invalid_client");
    }

    @Test
    @DisplayName("PostgreSQL: the audit trail lists the tenant's events oldest first and pages through all of them")
    void auditEvents_listAndPage() {
        String t = newTenant();
        assertIssueIntrospectRevoke(t, "opaque");
        String admin = adminToken();

        List<Map<String, Object>> all = events(http.get("/admin/v1/tenants/" + t + "/audit-events").bearer(admin).send()
                .expectStatus(200).json());
        assertThat(all).extracting(e -> e.get("type"))
                .containsSubsequence("tenant.created", "client.registered", "token.issued", "token.introspected",
                        "token.revoked", "token.introspected");
        assertThat(all).extracting(e -> e.get("tenant")).containsOnly(t);
        assertThat(all).extracting(e -> Instant.parse((String) e.get("occurredAt"))).isSorted();

        List<Map<String, Object>> paged = new ArrayList<>();
        String next = "/admin/v1/tenants/" + t + "/audit-events?limit=2";
        while (next != null) {
            Map<String, Object> page = http.get(next).bearer(admin).send().expectStatus(200).json();
            paged.addAll(events(page));
            next = (String) page.get("next");
            assertThat(paged.size()).as("paging ends").isLessThanOrEqualTo(all.size() + 2);
        }
        assertThat(paged).isEqualTo(all);
    }

    @Test
    @DisplayName("PostgreSQL: deleting a tenant removes its clients and tokens; its audit events remain")
    void tenantDeletion_removesOwnedData() throws Exception {
        String t = newTenant();
        RegisteredClient c = serviceClient(t, "opaque");
        clientCredentialsToken(t, c, "scope", "read");
        String admin = adminToken();
        http.delete("/admin/v1/tenants/" + t).bearer(admin).send().expectStatus(204);

        for (String table : JdbcTenantRepository.OWNED_TABLES) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", t)).as(table).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM audit_segments WHERE tenant_id = ?", t)).isPositive();
        createTenant(t);
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret()).form("grant_type", "client_credentials")
                .send().expectStatus(401).expectError("invalid_client");
    }

    /** Issues a token of the format, checks introspection before and after revocation; returns the token. */
    private String assertIssueIntrospectRevoke(String t, String format) {
        RegisteredClient c = serviceClient(t, format);
        String token = clientCredentialsToken(t, c, "scope", "read");
        Map<String, Object> active = introspect(t, c, token);
        assertThat(active).containsEntry("active", true).containsEntry("scope", "read")
                .containsEntry("client_id", c.clientId()).containsEntry("tenant_id", t);

        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret()).form("token", token).send().expectStatus(200);
        assertThat(introspect(t, c, token)).isEqualTo(Map.of("active", false));
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret()).form("token", token).send().expectStatus(200);
        return token;
    }

    private Map<String, Object> introspect(String t, RegisteredClient c, String token) {
        return http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), c.clientSecret()).form("token", token).send()
                .expectStatus(200).json();
    }

    private List<String> jwksKids(String t) {
        Object keys = http.get("/t/" + t + "/jwks").send().expectStatus(200).json().get("keys");
        List<String> kids = new ArrayList<>();
        for (Object k : (List<?>) keys) kids.add((String) ((Map<?, ?>) k).get("kid"));
        return kids;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Map<String, Object> page) {
        return (List<Map<String, Object>>) Objects.requireNonNull(page.get("events"));
    }

    private long count(String sql, String param) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.url(), pg.user(), pg.password());
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
