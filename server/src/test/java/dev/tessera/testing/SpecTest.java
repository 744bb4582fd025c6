package dev.tessera.testing;

import dev.tessera.server.Setting;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of black-box spec tests: one real server per test class, with helpers for the admin token,
 * tenants and client registration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SpecTest {
    protected TestServer server;
    protected Http http;

    @BeforeAll
    void startServer() {
        server = TestServer.start(serverSettings(), serverExtensions());
        http = new Http(server.baseUrl);
    }

    /** Settings added to the test defaults (override, e.g., to run on PostgreSQL). */
    protected Map<Setting, String> serverSettings() {
        return Map.of();
    }

    /** Extensions wired into the server (override to add, e.g., a claim source). */
    protected dev.tessera.server.Extensions serverExtensions() {
        return dev.tessera.server.Extensions.NONE;
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    /** A fresh admin token (tenant system, scope admin). */
    protected String adminToken() {
        return http.post("/t/system/token").basicAuth(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET)
                .form("grant_type", "client_credentials", "scope", "admin").send().expectStatus(200).string("access_token");
    }

    /** Creates (or updates) a tenant with the given settings JSON body. */
    protected void putTenant(String tenant, String json) {
        Http.Response r = http.put("/admin/v1/tenants/" + tenant).bearer(adminToken()).json(json).send();
        int s = r.status();
        if (s != 200 && s != 201) {
            throw new AssertionError("tenant creation failed: " + s + " " + r.body() + " " + r.header("WWW-Authenticate"));
        }
    }

    protected void createTenant(String tenant) {
        putTenant(tenant, "{\"displayName\":\"" + tenant + "\"}");
    }

    /** A registered client: id, secret (null for none/private_key_jwt) and registration access token. */
    public record RegisteredClient(String clientId, String clientSecret, String registrationAccessToken,
                                   Map<String, Object> metadata) {
        /**
         * The same client holding the registration access token of an RFC 7592 read or update response:
         * the token rotates on each of them (RFC 7592 §3), so the previous one no longer works.
         */
        public RegisteredClient withRegistrationAccessToken(String token) {
            return new RegisteredClient(clientId, clientSecret, token, metadata);
        }
    }

    protected RegisteredClient register(String tenant, String metadataJson) {
        Http.Response r = http.post("/t/" + tenant + "/register").bearer(adminToken()).json(metadataJson).send().expectStatus(201);
        return new RegisteredClient(r.string("client_id"), r.string("client_secret"), r.string("registration_access_token"), r.json());
    }

    /** A confidential client_credentials client with scope "read write" and the given access token format. */
    protected RegisteredClient serviceClient(String tenant, String format) {
        return register(tenant, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read write\",\"access_token_format\":\""
                + format + "\"}");
    }

    protected String clientCredentialsToken(String tenant, RegisteredClient c, String... extraForm) {
        String[] form = new String[2 + extraForm.length];
        form[0] = "grant_type";
        form[1] = "client_credentials";
        System.arraycopy(extraForm, 0, form, 2, extraForm.length);
        return http.post("/t/" + tenant + "/token").basicAuth(c.clientId(), c.clientSecret()).form(form).send()
                .expectStatus(200).string("access_token");
    }
}
