package dev.tessera.spec.admin;

import static dev.tessera.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.tenant.TenantDefaults;
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONTRACT §7: every tenant setting round-trips; invalid settings are refused with a problem and change nothing. */
@Tag("contract")
class Contract7TenantSettingsTest extends SpecTest {
    private static final String FULL = """
            {"displayName":"Full","accessTokenTtlSeconds":900,"refreshTokenIdleTtlSeconds":7200,
             "refreshTokenMaxTtlSeconds":172800,"defaultAudience":"https://api.example.com",
             "accessTokenFormat":"jwt","signingAlgorithm":"RS256","revocationStalenessSeconds":5}""";

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Http.Response put(String tenant, String json) {
        return http.put("/admin/v1/tenants/" + tenant).bearer(adminToken()).json(json).send();
    }

    private Map<String, Object> read(String tenant) {
        return http.get("/admin/v1/tenants/" + tenant).bearer(adminToken()).send().expectStatus(200).json();
    }

    private static void assertFull(Map<String, Object> m) {
        assertThat(m).containsEntry("displayName", "Full")
                .containsEntry("defaultAudience", "https://api.example.com")
                .containsEntry("accessTokenFormat", "jwt").containsEntry("signingAlgorithm", "RS256");
        assertThat(((Number) m.get("accessTokenTtlSeconds")).intValue()).isEqualTo(900);
        assertThat(((Number) m.get("refreshTokenIdleTtlSeconds")).intValue()).isEqualTo(7200);
        assertThat(((Number) m.get("refreshTokenMaxTtlSeconds")).intValue()).isEqualTo(172800);
        assertThat(((Number) m.get("revocationStalenessSeconds")).intValue()).isEqualTo(5);
    }

    @Test
    @DisplayName("CONTRACT §7: every setting given at creation is answered by PUT and by GET")
    void everySetting_roundTripsOnCreate() {
        String t = fresh("full");
        assertFull(put(t, FULL).expectStatus(201).json());
        assertFull(read(t));
    }

    @Test
    @DisplayName("CONTRACT §7: every setting given in an update round-trips")
    void everySetting_roundTripsOnUpdate() {
        String t = fresh("upd");
        put(t, "{\"displayName\":\"Plain\"}").expectStatus(201);
        assertFull(put(t, FULL).expectStatus(200).json());
        assertFull(read(t));
    }

    @Test
    @DisplayName("CONTRACT §7: all settings are optional but displayName; absent ones take the documented defaults")
    void absentSettings_takeDefaults() {
        String t = fresh("dflt");
        put(t, "{\"displayName\":\"Defaults\"}").expectStatus(201);
        Map<String, Object> m = read(t);
        assertThat(((Number) m.get("accessTokenTtlSeconds")).intValue()).isEqualTo(TenantDefaults.ACCESS_TOKEN_TTL_SECONDS);
        assertThat(((Number) m.get("refreshTokenIdleTtlSeconds")).intValue())
                .isEqualTo(TenantDefaults.REFRESH_TOKEN_IDLE_TTL_SECONDS);
        assertThat(((Number) m.get("refreshTokenMaxTtlSeconds")).intValue())
                .isEqualTo(TenantDefaults.REFRESH_TOKEN_MAX_TTL_SECONDS);
        assertThat(((Number) m.get("revocationStalenessSeconds")).intValue())
                .isEqualTo(TenantDefaults.REVOCATION_STALENESS_SECONDS);
        assertThat(m).containsEntry("accessTokenFormat", "opaque").containsEntry("signingAlgorithm", "ES256")
                .containsEntry("defaultAudience", null);
    }

    @Test
    @DisplayName("CONTRACT §7: PUT replaces the settings: a setting left out of an update returns to its default")
    void put_replacesAllSettings() {
        String t = fresh("repl");
        put(t, FULL).expectStatus(201);
        put(t, "{\"displayName\":\"Full\"}").expectStatus(200);
        Map<String, Object> m = read(t);
        assertThat(m).containsEntry("accessTokenFormat", "opaque").containsEntry("defaultAudience", null);
        assertThat(((Number) m.get("accessTokenTtlSeconds")).intValue()).isEqualTo(TenantDefaults.ACCESS_TOKEN_TTL_SECONDS);
    }

    @Test
    @DisplayName("CONTRACT §7: the boundary values of each range are accepted")
    void rangeBoundaries_areAccepted() {
        String t = fresh("bounds");
        put(t, "{\"displayName\":\"Low\",\"accessTokenTtlSeconds\":10,\"refreshTokenIdleTtlSeconds\":60,"
                + "\"refreshTokenMaxTtlSeconds\":60,\"revocationStalenessSeconds\":0}").expectStatus(201);
        put(t, "{\"displayName\":\"High\",\"accessTokenTtlSeconds\":86400,\"refreshTokenIdleTtlSeconds\":31536000,"
                + "\"refreshTokenMaxTtlSeconds\":31536000,\"revocationStalenessSeconds\":3600}").expectStatus(200);
        assertThat(((Number) read(t).get("accessTokenTtlSeconds")).intValue()).isEqualTo(86400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // unknown members
            "{\"displayName\":\"X\",\"colour\":\"blue\"}",
            "{\"displayName\":\"X\",\"access_token_ttl_seconds\":300}",
            "{\"displayName\":\"X\",\"id\":\"other\"}",
            // displayName missing, null, empty, blank, too long, not a string
            "{}",
            "{\"displayName\":null}",
            "{\"displayName\":\"\"}",
            "{\"displayName\":\"   \"}",
            "{\"displayName\":42}",
            "{\"displayName\":[\"X\"]}",
            // wrong types
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":\"300\"}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":300.5}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":true}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":{}}",
            "{\"displayName\":\"X\",\"refreshTokenIdleTtlSeconds\":\"1h\"}",
            "{\"displayName\":\"X\",\"defaultAudience\":5}",
            "{\"displayName\":\"X\",\"defaultAudience\":[\"https://a\"]}",
            "{\"displayName\":\"X\",\"accessTokenFormat\":true}",
            "{\"displayName\":\"X\",\"signingAlgorithm\":256}",
            "{\"displayName\":\"X\",\"revocationStalenessSeconds\":[]}",
            // out of range
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":9}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":0}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":-300}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":86401}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":4294967596}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":123456789012345678901234567890}",
            "{\"displayName\":\"X\",\"refreshTokenIdleTtlSeconds\":59}",
            "{\"displayName\":\"X\",\"refreshTokenMaxTtlSeconds\":31536001}",
            "{\"displayName\":\"X\",\"refreshTokenIdleTtlSeconds\":7200,\"refreshTokenMaxTtlSeconds\":3600}",
            "{\"displayName\":\"X\",\"revocationStalenessSeconds\":-1}",
            "{\"displayName\":\"X\",\"revocationStalenessSeconds\":3601}",
            "{\"displayName\":\"X\",\"defaultAudience\":\"\"}",
            // bad enumerations
            "{\"displayName\":\"X\",\"accessTokenFormat\":\"paseto\"}",
            "{\"displayName\":\"X\",\"accessTokenFormat\":\"JWT\"}",
            "{\"displayName\":\"X\",\"signingAlgorithm\":\"HS256\"}",
            "{\"displayName\":\"X\",\"signingAlgorithm\":\"none\"}",
            "{\"displayName\":\"X\",\"signingAlgorithm\":\"es256\"}",
            "{\"displayName\":\"X\",\"signingAlgorithm\":\"PS256\"}"})
    @DisplayName("CONTRACT §7 / §5: an invalid setting on create → 400 problem, and no tenant is created")
    void invalidSetting_onCreate_isRejected(String body) {
        String t = fresh("bad");
        expectProblem(put(t, body), 400);
        expectProblem(http.get("/admin/v1/tenants/" + t).bearer(adminToken()).send(), 404);
        http.get("/t/" + t + "/.well-known/openid-configuration").send().expectStatus(404);
    }

    @Test
    @DisplayName("CONTRACT §7 / §5: a display name of 201 characters → 400 problem")
    void overlongDisplayName_isRejected() {
        expectProblem(put(fresh("long"), "{\"displayName\":\"" + "x".repeat(201) + "\"}"), 400);
        put(fresh("long"), "{\"displayName\":\"" + "x".repeat(200) + "\"}").expectStatus(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"displayName\":\"X\",\"unknown\":1}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":\"60\"}",
            "{\"displayName\":\"X\",\"accessTokenTtlSeconds\":5}",
            "{\"displayName\":\"X\",\"signingAlgorithm\":\"HS512\"}",
            "{\"displayName\":\"X\",\"accessTokenFormat\":\"saml\"}"})
    @DisplayName("CONTRACT §7 / §5: an invalid update → 400 problem, and the stored settings do not change")
    void invalidSetting_onUpdate_changesNothing(String body) {
        String t = fresh("keep");
        put(t, FULL).expectStatus(201);
        expectProblem(put(t, body), 400);
        assertFull(read(t));
    }
}
