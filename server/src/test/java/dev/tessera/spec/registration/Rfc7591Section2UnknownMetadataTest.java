package dev.tessera.spec.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7591 §2 ("the authorization server MUST ignore any client metadata sent by the client that it
 * does not understand"): members Tessera does not define are neither stored nor echoed, so a client
 * cannot decorate itself with, e.g., {@code "tenant_id": "system"} for a consumer that trusts the echo.
 */
@Tag("rfc7591")
class Rfc7591Section2UnknownMetadataTest extends SpecTest {
    private static final String T = "unknown-md";
    private static final String UNKNOWN = "\"tenant_id\":\"system\",\"is_admin\":true,\"roles\":[\"admin\"],\"x-extra\":{\"a\":1},"
            + "\"application_type\":\"web\",\"frontchannel_logout_uri\":\"https://app.example/fc\",\"request_uris\":[\"https://app.example/r\"]";

    @BeforeAll
    void tenant() {
        createTenant(T);
    }

    private static void assertNoUnknown(Map<String, Object> body) {
        assertThat(body).doesNotContainKeys("tenant_id", "is_admin", "roles", "x-extra", "application_type",
                "frontchannel_logout_uri", "request_uris", "client_name#xx#yy");
    }

    @Test
    @DisplayName("RFC 7591 §2: unknown members are dropped: not in the 201 response, nor in a later read")
    void unknownMembers_areNotStoredNorEchoed() {
        RegisteredClient c = register(T, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\",\"client_name\":\"Shop\","
                + "\"client_name#de\":\"Laden\"," + UNKNOWN + "}");
        assertNoUnknown(c.metadata());
        assertThat(c.metadata()).containsEntry("client_name", "Shop").containsEntry("client_name#de", "Laden")
                .containsEntry("scope", "read");
        Map<String, Object> byAdmin = http.get("/t/" + T + "/register/" + c.clientId()).bearer(adminToken()).send()
                .expectStatus(200).json();
        assertNoUnknown(byAdmin);
        Http.Response own = http.get("/t/" + T + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send()
                .expectStatus(200);
        assertNoUnknown(own.json());
        assertThat(own.body()).doesNotContain("tenant_id").doesNotContain("is_admin");
    }

    @Test
    @DisplayName("RFC 7592 §2.2: an update carrying unknown members succeeds and stores none of them")
    void unknownMembersInUpdate_areDropped() {
        RegisteredClient c = register(T, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        Http.Response r = http.put("/t/" + T + "/register/" + c.clientId()).bearer(c.registrationAccessToken())
                .json("{\"client_id\":\"" + c.clientId() + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\","
                        + "\"client_name\":\"Renamed\"," + UNKNOWN + "}").send().expectStatus(200);
        assertNoUnknown(r.json());
        assertThat(r.json()).containsEntry("client_name", "Renamed");
        Map<String, Object> stored = http.get("/t/" + T + "/register/" + c.clientId()).bearer(adminToken()).send()
                .expectStatus(200).json();
        assertNoUnknown(stored);
        assertThat(stored).containsEntry("client_name", "Renamed");
    }

    @Test
    @DisplayName("RFC 7591 §2: a client stored with an unknown member before they were dropped does not echo it")
    void storedUnknownMember_isNotEchoed() throws Exception {
        RegisteredClient c = register(T, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        try (java.sql.Connection db = server.tessera.database().dataSource().getConnection();
             java.sql.PreparedStatement st = db.prepareStatement("UPDATE clients SET metadata = ? WHERE tenant_id = ? AND client_id = ?")) {
            st.setString(1, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\",\"token_endpoint_auth_method\":"
                    + "\"client_secret_basic\",\"consent_required\":false,\"tenant_id\":\"system\"}");
            st.setString(2, T);
            st.setString(3, c.clientId());
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        Http.Response r = http.get("/t/" + T + "/register/" + c.clientId()).bearer(adminToken()).send().expectStatus(200);
        assertThat(r.json()).containsEntry("scope", "read").containsKey("registration_client_uri").doesNotContainKey("tenant_id");
        Http.Response own = http.get("/t/" + T + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send()
                .expectStatus(200);
        assertThat(own.json()).containsKey("registration_access_token").doesNotContainKey("tenant_id");
        // and the client's own token may update it: the stored unknown member is no change it made
        http.put("/t/" + T + "/register/" + c.clientId()).bearer(own.string("registration_access_token"))
                .json("{\"client_id\":\"" + c.clientId() + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}")
                .send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7591 §2.2: a language tag on a member that takes none is dropped too")
    void languageTagOnOtherMember_isDropped() {
        RegisteredClient c = register(T, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\",\"scope#de\":\"admin\","
                + "\"client_name#xx#yy\":\"x\"}");
        assertThat(c.metadata()).doesNotContainKeys("scope#de", "client_name#xx#yy").containsEntry("scope", "read");
    }
}
