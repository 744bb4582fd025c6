package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code active} attribute and the write-only password seen from the browser side: a deactivated
 * or deleted user can neither sign in nor refresh. Drives the real sign-in form (CONTRACT §4).
 */
@Tag("rfc7643")
class Rfc7643Section4_1_1ActiveTest extends ScimSpecTest {
    private static final String REDIRECT = "https://app.example/cb";
    private static final String VERIFIER = "verifier-0123456789-0123456789-0123456789-abcdef";
    private static final String PASSWORD = "Tr0ub4dor&3-horse";
    private static final Pattern HIDDEN = Pattern.compile("name=\"(request|csrf)\" value=\"([^\"]+)\"");

    private RegisteredClient app(String t) {
        return register(t, "{\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"token_endpoint_auth_method\":\"none\","
                + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"scope\":\"openid profile\"}");
    }

    /** GET /authorize, then POST the sign-in form with the CSRF cookie and fields the page carries. */
    private Http.Response signIn(String t, RegisteredClient c, String username, String password) {
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(VERIFIER));
        Http.Response page = http.get("/t/" + t + "/authorize?response_type=code&client_id=" + c.clientId() + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=s1&code_challenge=" + challenge
                + "&code_challenge_method=S256").send().expectStatus(200);
        String cookie = page.raw.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("tessera_csrf="))
                .map(h -> h.substring(0, h.indexOf(';'))).findFirst().orElseThrow();
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) fields.put(m.group(1), m.group(2));
        return http.post("/t/" + t + "/login").header("Cookie", cookie).form("request", fields.get("request"),
                "csrf", fields.get("csrf"), "username", username, "password", password).send();
    }

    /** Signs in and redeems the code: the token response. */
    private Map<String, Object> tokens(String t, RegisteredClient c, String username) {
        Http.Response login = signIn(t, c, username, PASSWORD).expectStatus(302);
        String location = login.header("Location");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).as("code in %s", location).isTrue();
        return http.post("/t/" + t + "/token").form("grant_type", "authorization_code", "code",
                java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri", REDIRECT, "client_id", c.clientId(),
                "code_verifier", VERIFIER).send().expectStatus(200).json();
    }

    private Http.Response refresh(String t, RegisteredClient c, String refreshToken) {
        return http.post("/t/" + t + "/token").form("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", c.clientId()).send();
    }

    @Test
    @DisplayName("CONTRACT §3 / RFC 7643 §4.1.1: PATCH active=false refuses sign-in and refresh, and ends sessions; true restores sign-in")
    void deactivationBlocksSignInAndRefresh() {
        String t = tenant();
        RegisteredClient c = app(t);
        String id = createId(t, user("walter", "\"password\":\"" + PASSWORD + "\""));
        Map<String, Object> first = tokens(t, c, "walter");
        String rt = refresh(t, c, (String) first.get("refresh_token")).expectStatus(200).string("refresh_token");

        send("PATCH", t, "/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")).expectStatus(200);

        refresh(t, c, rt).expectStatus(400).expectError("invalid_grant");
        Http.Response refused = signIn(t, c, "walter", PASSWORD).expectStatus(200);
        assertThat(refused.body()).contains("role=\"alert\"").contains("Invalid username or password.");
        server.tessera.audit().flush();
        Map<String, Object> deactivated = auditEvents(t, "user.deactivated").get(0);
        assertThat(deactivated.get("subject")).isEqualTo(id);
        assertThat(((Map<?, ?>) deactivated.get("details")).get("sessionsEnded")).isEqualTo("1");
        // the first refresh token (already rotated) and its successor
        assertThat(((Map<?, ?>) deactivated.get("details")).get("refreshTokensRevoked")).isEqualTo("2");

        send("PATCH", t, "/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":true}}")).expectStatus(200);
        signIn(t, c, "walter", PASSWORD).expectStatus(302);
    }

    @Test
    @DisplayName("CONTRACT §3 / RFC 7644 §3.5.1: PUT with active=false blocks refresh; PUT without password keeps it")
    void putDeactivates_andKeepsPassword() {
        String t = tenant();
        RegisteredClient c = app(t);
        String id = createId(t, user("petra", "\"password\":\"" + PASSWORD + "\""));
        send("PUT", t, "/Users/" + id, user("petra", "\"title\":\"kept password\"")).expectStatus(200);
        Map<String, Object> tokens = tokens(t, c, "petra");
        send("PUT", t, "/Users/" + id, user("petra", "\"active\":false")).expectStatus(200);
        refresh(t, c, (String) tokens.get("refresh_token")).expectStatus(400).expectError("invalid_grant");
        signIn(t, c, "petra", PASSWORD).expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §3 / RFC 7644 §3.6: a deleted user can no longer refresh")
    void deleteBlocksRefresh() {
        String t = tenant();
        RegisteredClient c = app(t);
        String id = createId(t, user("dora", "\"password\":\"" + PASSWORD + "\""));
        Map<String, Object> tokens = tokens(t, c, "dora");
        scim("DELETE", t, "/Users/" + id).send().expectStatus(204);
        refresh(t, c, (String) tokens.get("refresh_token")).expectStatus(400).expectError("invalid_grant");
        signIn(t, c, "dora", PASSWORD).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7643 §4.1.1: a password set by PATCH signs in; removing it refuses sign-in")
    void passwordByPatch() {
        String t = tenant();
        RegisteredClient c = app(t);
        String id = createId(t, user("nopw"));
        signIn(t, c, "nopw", PASSWORD).expectStatus(200);
        send("PATCH", t, "/Users/" + id, patch("{\"op\":\"add\",\"path\":\"password\",\"value\":\"" + PASSWORD + "\"}")).expectStatus(200);
        signIn(t, c, "nopw", PASSWORD).expectStatus(302);
        send("PATCH", t, "/Users/" + id, patch("{\"op\":\"remove\",\"path\":\"password\"}")).expectStatus(200);
        signIn(t, c, "nopw", PASSWORD).expectStatus(200);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> auditEvents(String t, String type) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) http.get("/admin/v1/tenants/" + t + "/audit-events?limit=1000")
                .bearer(admin()).send().expectStatus(200).json().get("events");
        return all.stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
