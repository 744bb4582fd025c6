package dev.tessera.spec.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7592 §2.1–2.3 (CONTRACT §3): read, update and delete a client at its registration_client_uri
 * with its registration access token, and with no other. Each read and update answers with a new
 * registration access token (RFC 7592 §3, see {@link Rfc7592Section3ClientInformationResponseTest}), so
 * these tests always present the one the client was last given.
 */
@Tag("rfc7592")
class Rfc7592Section2ClientManagementTest extends SpecTest {
    private String t;
    /** The current registration access token per client id, once a read or update has replaced the first one. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    @BeforeAll
    void tenant() {
        t = "mgmt-" + UUID.randomUUID().toString().substring(0, 8);
        createTenant(t);
    }

    private String uri(RegisteredClient c) {
        return "/t/" + t + "/register/" + c.clientId();
    }

    private RegisteredClient client() {
        return register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read write\",\"client_name\":\"Orig\"}");
    }

    private Http.Response token(RegisteredClient c, String scope) {
        return http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret())
                .form("grant_type", "client_credentials", "scope", scope).send();
    }

    /** The client's current registration access token: the one its last successful read or update returned. */
    private String rat(RegisteredClient c) {
        return tokens.getOrDefault(c.clientId(), c.registrationAccessToken());
    }

    /** Keeps the registration access token a successful read or update returned (RFC 7592 §3). */
    private Http.Response managed(RegisteredClient c, Http.Response r) {
        if (r.status() == 200) tokens.put(c.clientId(), r.string("registration_access_token"));
        return r;
    }

    private Map<String, Object> read(RegisteredClient c) {
        return managed(c, http.get(uri(c)).bearer(rat(c)).send()).expectStatus(200).json();
    }

    private Http.Response update(RegisteredClient c, String json) {
        return managed(c, http.put(uri(c)).bearer(rat(c)).json(json).send());
    }

    private static void expect401(Http.Response r) {
        r.expectStatus(401).expectError("invalid_token");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    @DisplayName("RFC 7592 §2.1: read with the registration access token → 200 with the metadata and URI, no secret")
    void read_returnsClientInformation() {
        RegisteredClient c = client();
        Http.Response r = managed(c, http.get(uri(c)).bearer(rat(c)).send()).expectStatus(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        Map<String, Object> body = r.json();
        assertThat(body).containsEntry("client_id", c.clientId()).containsEntry("scope", "read write")
                .containsEntry("client_name", "Orig")
                .containsEntry("registration_client_uri", server.issuer(t) + "/register/" + c.clientId())
                .containsEntry("client_id_issued_at", c.metadata().get("client_id_issued_at"))
                .doesNotContainKey("client_secret");
        assertThat(r.body()).doesNotContain(c.clientSecret());
    }

    @Test
    @DisplayName("RFC 7592 §2.2: update (full metadata with client_id) → 200; the change takes effect at once")
    void update_takesEffect() {
        RegisteredClient c = client();
        Http.Response r = update(c, "{\"client_id\":\"" + c.clientId()
                + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\",\"client_name\":\"Renamed\"}")
                .expectStatus(200);
        assertThat(r.json()).containsEntry("client_id", c.clientId()).containsEntry("scope", "read")
                .containsEntry("client_name", "Renamed").doesNotContainKey("client_secret");
        token(c, "read").expectStatus(200);
        token(c, "write").expectStatus(400).expectError("invalid_scope");
        assertThat(read(c)).containsEntry("scope", "read").containsEntry("client_name", "Renamed");
    }

    @Test
    @DisplayName("RFC 7592 §2.2: an update with the admin token may widen the scope; the change takes effect at once")
    void adminUpdate_widensScope() {
        RegisteredClient c = client();
        token(c, "admin").expectStatus(400).expectError("invalid_scope");
        Http.Response r = http.put(uri(c)).bearer(adminToken()).json("{\"client_id\":\"" + c.clientId()
                + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read admin\",\"client_name\":\"Renamed\"}")
                .send().expectStatus(200);
        assertThat(r.json()).containsEntry("scope", "read admin").doesNotContainKey("registration_access_token");
        token(c, "admin").expectStatus(200);
        token(c, "write").expectStatus(400).expectError("invalid_scope");
        assertThat(read(c)).containsEntry("scope", "read admin").containsEntry("client_name", "Renamed");
    }

    @Test
    @DisplayName("RFC 7592 §2.2: an update with the admin token may switch the token format; new tokens follow it")
    void update_changesTokenFormat() {
        RegisteredClient c = client();
        assertThat(token(c, "read").expectStatus(200).string("access_token")).doesNotContain(".");
        http.put(uri(c)).bearer(adminToken()).json("{\"client_id\":\"" + c.clientId()
                + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\",\"access_token_format\":\"jwt\"}")
                .send().expectStatus(200);
        assertThat(token(c, "read").expectStatus(200).string("access_token").split("\\.")).hasSize(3);
    }

    @Test
    @DisplayName("RFC 7592 §2.2: the secret stays valid across an update; the returned registration access token manages the client")
    void update_keepsCredentials() {
        RegisteredClient c = client();
        update(c, "{\"client_id\":\"" + c.clientId()
                + "\",\"client_secret\":\"" + c.clientSecret() + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}")
                .expectStatus(200);
        token(c, "read").expectStatus(200);
        read(c);
    }

    @Test
    @DisplayName("RFC 7592 §2.2: update without client_id, with another client_id or a wrong client_secret → 400, unchanged")
    void update_mustNameTheClient() {
        RegisteredClient c = client();
        RegisteredClient other = client();
        String[] bodies = {
                "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\",\"client_name\":\"Changed\"}",
                "{\"client_id\":\"" + other.clientId() + "\",\"grant_types\":[\"client_credentials\"],\"client_name\":\"Changed\"}",
                "{\"client_id\":\"" + c.clientId() + "\",\"client_secret\":\"wrong\",\"grant_types\":[\"client_credentials\"],"
                        + "\"client_name\":\"Changed\"}"};
        for (String body : bodies) {
            Http.Response r = update(c, body).expectStatus(400);
            assertThat(r.string("error")).isIn("invalid_request", "invalid_client_metadata");
        }
        assertThat(read(c)).containsEntry("client_name", "Orig").containsEntry("scope", "read write");
        assertThat(read(other)).containsEntry("client_name", "Orig");
    }

    @Test
    @DisplayName("RFC 7592 §2.2 / RFC 7591 §3.2.2: update with invalid metadata → 400 invalid_client_metadata, unchanged")
    void update_withInvalidMetadata_changesNothing() {
        RegisteredClient c = client();
        for (String extra : new String[] {"\"grant_types\":[\"password\"]", "\"grant_types\":[\"client_credentials\"],"
                + "\"access_token_format\":\"paseto\"", "\"grant_types\":[\"client_credentials\"],\"consent_required\":\"no\""}) {
            update(c, "{\"client_id\":\"" + c.clientId() + "\"," + extra + "}")
                    .expectStatus(400).expectError("invalid_client_metadata");
        }
        update(c, "{\"client_id\":\"" + c.clientId()
                + "\",\"grant_types\":[\"client_credentials\"],\"redirect_uris\":[\"https://x.example/cb#f\"]}")
                .expectStatus(400).expectError("invalid_redirect_uri");
        assertThat(read(c)).containsEntry("client_name", "Orig").containsEntry("scope", "read write");
        token(c, "read").expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7592 §2.3: delete → 204; the client gets no more tokens (401) and its registration token is void")
    void delete_removesTheClient() {
        RegisteredClient c = client();
        token(c, "read").expectStatus(200);
        Http.Response r = http.delete(uri(c)).bearer(rat(c)).send().expectStatus(204);
        assertThat(r.body()).isEmpty();
        token(c, "read").expectStatus(401).expectError("invalid_client");
        expect401(http.get(uri(c)).bearer(rat(c)).send());
        expect401(http.delete(uri(c)).bearer(rat(c)).send());
    }

    @Test
    @DisplayName("RFC 7592 §2: a missing or wrong registration access token → 401 with WWW-Authenticate, nothing changes")
    void wrongOrMissingToken_is401() {
        RegisteredClient c = client();
        String body = "{\"client_id\":\"" + c.clientId() + "\",\"grant_types\":[\"client_credentials\"],\"client_name\":\"X\"}";
        for (String bearer : new String[] {null, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", c.clientSecret(),
                c.registrationAccessToken() + "x"}) {
            Http.Request get = http.get(uri(c));
            Http.Request put = http.put(uri(c)).json(body);
            Http.Request delete = http.delete(uri(c));
            if (bearer != null) {
                get.bearer(bearer);
                put.bearer(bearer);
                delete.bearer(bearer);
            }
            for (Http.Response r : new Http.Response[] {get.send(), put.send(), delete.send()}) {
                expect401(r);
                // RFC 6750 §3.1: an error code in the challenge only when a token was presented
                if (bearer == null) assertThat(r.header("WWW-Authenticate")).doesNotContain("error=");
                else assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
            }
        }
        expect401(http.get(uri(c)).basicAuth(c.clientId(), c.clientSecret()).send());
        assertThat(read(c)).containsEntry("client_name", "Orig");
        token(c, "read").expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7592 §2: the registration access token of client X cannot read, update or delete client Y")
    void tokenOfOneClient_cannotManageAnother() {
        RegisteredClient x = client();
        RegisteredClient y = client();
        read(x);                                          // x's current token, once rotated, is no key to y either
        expect401(http.get(uri(y)).bearer(rat(x)).send());
        expect401(http.put(uri(y)).bearer(rat(x)).json("{\"client_id\":\"" + y.clientId()
                + "\",\"grant_types\":[\"client_credentials\"],\"client_name\":\"Hijacked\"}").send());
        expect401(http.delete(uri(y)).bearer(rat(x)).send());
        assertThat(read(y)).containsEntry("client_name", "Orig");
        token(y, "read").expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7592 §2.1: an unknown client id → 401, whatever the token")
    void unknownClient_is401() {
        RegisteredClient c = client();
        expect401(http.get("/t/" + t + "/register/no-such-client").bearer(c.registrationAccessToken()).send());
        expect401(http.delete("/t/" + t + "/register/no-such-client").bearer(c.registrationAccessToken()).send());
    }

    @Test
    @DisplayName("CONTRACT §2: a registration access token is valid only at its own tenant")
    void token_isBoundToItsTenant() {
        RegisteredClient c = client();
        String other = "mgmt-other-" + UUID.randomUUID().toString().substring(0, 8);
        createTenant(other);
        expect401(http.get("/t/" + other + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send());
        expect401(http.delete("/t/" + other + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send());
        read(c);
    }

    @Test
    @DisplayName("RFC 7592 §2: the registration access token is not an access token (introspects inactive, no admin rights)")
    void registrationToken_isNotAnAccessToken() {
        RegisteredClient c = client();
        Map<String, Object> r = http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), c.clientSecret())
                .form("token", c.registrationAccessToken()).send().expectStatus(200).json();
        assertThat(r).isEqualTo(Map.of("active", false));
        http.get("/admin/v1/tenants/" + t).bearer(c.registrationAccessToken()).send().expectStatus(401);
    }
}
