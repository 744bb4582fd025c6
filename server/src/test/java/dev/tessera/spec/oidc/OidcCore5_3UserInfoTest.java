package dev.tessera.spec.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Http;
import dev.tessera.testing.Users;
import dev.tessera.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The UserInfo endpoint: bearer token by header or form body, claims of the granted scopes mapped
 * from the user's SCIM attributes, RFC 6750 errors with WWW-Authenticate.
 * Spec: OIDC Core §5.1, §5.3, §5.4; RFC 6750 §2.1, §2.2, §3, §3.1; RFC 7643 §4.1.
 */
@Tag("oidc")
class OidcCore5_3UserInfoTest extends FlowSpecTest {
    private static final Map<String, Object> ATTRIBUTES = Map.of(
            "name", Map.of("givenName", "Alice", "familyName", "Liddell", "middleName", "Pleasance",
                    "formatted", "Alice P. Liddell"),
            "nickName", "Al",
            "profileUrl", "https://example.com/alice",
            "locale", "en-GB",
            "timezone", "Europe/London",
            "photos", List.of(Map.of("value", "https://example.com/alice.png")),
            "emails", List.of(Map.of("value", "old@example.com"), Map.of("value", "alice@example.com", "primary", true)),
            "phoneNumbers", List.of(Map.of("value", "+44 20 7946 0000", "type", "work")),
            "addresses", List.of(Map.of("streetAddress", "1 Rabbit Hole", "locality", "Oxford", "region", "Oxfordshire",
                    "postalCode", "OX1 1AA", "country", "GB", "formatted", "1 Rabbit Hole, Oxford OX1 1AA, GB")));

    private String accessToken(String t, RegisteredClient c, String scope) {
        return tokens(browser(), authRequest(t, c).set("scope", scope), "alice").accessToken();
    }

    @Test
    @DisplayName("OIDC Core §5.3.2: GET with a bearer header and scope openid → only sub, as JSON, not cacheable")
    void openidOnly_givesSub() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice", ATTRIBUTES);
        Http.Response r = http.get("/t/" + t + "/userinfo").bearer(accessToken(t, c, "openid")).send().expectStatus(200)
                .expectHeader("Cache-Control", "no-store");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).containsExactly(Map.entry("sub", alice.value()));
    }

    @Test
    @DisplayName("OIDC Core §5.4: profile, email, phone and address scopes map the SCIM attributes to standard claims")
    void scopes_mapScimAttributes() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice", ATTRIBUTES);
        Map<String, Object> claims = http.get("/t/" + t + "/userinfo").bearer(accessToken(t, c, "openid profile email phone address"))
                .send().expectStatus(200).json();
        assertThat(claims).containsEntry("sub", alice.value())
                .containsEntry("name", "Alice P. Liddell").containsEntry("given_name", "Alice")
                .containsEntry("family_name", "Liddell").containsEntry("middle_name", "Pleasance")
                .containsEntry("nickname", "Al").containsEntry("preferred_username", "alice")
                .containsEntry("profile", "https://example.com/alice").containsEntry("picture", "https://example.com/alice.png")
                .containsEntry("locale", "en-GB").containsEntry("zoneinfo", "Europe/London").containsKey("updated_at")
                .containsEntry("email", "alice@example.com").containsEntry("email_verified", false)
                .containsEntry("phone_number", "+44 20 7946 0000");
        assertThat(claims.get("updated_at")).isInstanceOf(Number.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) claims.get("address");
        assertThat(address).containsEntry("street_address", "1 Rabbit Hole").containsEntry("locality", "Oxford")
                .containsEntry("region", "Oxfordshire").containsEntry("postal_code", "OX1 1AA").containsEntry("country", "GB")
                .containsEntry("formatted", "1 Rabbit Hole, Oxford OX1 1AA, GB");
    }

    @Test
    @DisplayName("OIDC Core §5.4: only the granted scopes' claims are released (email only)")
    void onlyGrantedScopes_areReleased() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        user(t, "alice", ATTRIBUTES);
        Map<String, Object> claims = http.get("/t/" + t + "/userinfo").bearer(accessToken(t, c, "openid email")).send()
                .expectStatus(200).json();
        assertThat(claims.keySet()).containsExactlyInAnyOrder("sub", "email", "email_verified");
    }

    @Test
    @DisplayName("OIDC Core §5.3.2: the userinfo sub equals the ID token's sub")
    void sub_matchesIdToken() throws Exception {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        user(t, "alice", ATTRIBUTES);
        Tokens tokens = tokens(browser(), authRequest(t, c), "alice");
        String sub = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getSubject();
        assertThat(http.get("/t/" + t + "/userinfo").bearer(tokens.accessToken()).send().expectStatus(200).string("sub"))
                .isEqualTo(sub);
    }

    @Test
    @DisplayName("RFC 6750 §2.1 / OIDC Core §5.3.1: POST with the bearer header works")
    void post_withHeader() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice", ATTRIBUTES);
        assertThat(http.post("/t/" + t + "/userinfo").bearer(accessToken(t, c, "openid email")).form().send()
                .expectStatus(200).string("sub")).isEqualTo(alice.value());
        assertThat(http.post("/t/" + t + "/userinfo").bearer(accessToken(t, c, "openid email")).send().expectStatus(200)
                .string("email")).isEqualTo("alice@example.com");
    }

    @Test
    @DisplayName("RFC 6750 §2.2: POST with access_token in a form body works")
    void post_withFormBody() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice", ATTRIBUTES);
        assertThat(http.post("/t/" + t + "/userinfo").form("access_token", accessToken(t, c, "openid")).send()
                .expectStatus(200).string("sub")).isEqualTo(alice.value());
    }

    @Test
    @DisplayName("RFC 6750 §2: a token in both the header and the body → 400 invalid_request")
    void twoMethods_isInvalidRequest() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        user(t, "alice", ATTRIBUTES);
        String token = accessToken(t, c, "openid");
        Http.Response r = http.post("/t/" + t + "/userinfo").bearer(token).form("access_token", token).send().expectStatus(400);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"invalid_request\"");
    }

    @Test
    @DisplayName("OIDC Core §5.3.2: a JWT (RFC 9068) access token works at userinfo too")
    void jwtAccessToken_works() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t, "\"access_token_format\":\"jwt\"");
        user(t, "alice", ATTRIBUTES);
        assertThat(http.get("/t/" + t + "/userinfo").bearer(accessToken(t, c, "openid email")).send().expectStatus(200)
                .string("email")).isEqualTo("alice@example.com");
    }

    @Test
    @DisplayName("RFC 6750 §3: no token → 401 with WWW-Authenticate: Bearer realm, without an error code")
    void noToken_is401WithoutError() {
        String t = freshTenant("uinfo");
        Http.Response r = http.get("/t/" + t + "/userinfo").send().expectStatus(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer realm=").doesNotContain("error=");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: an unknown token → 401 with error=\"invalid_token\"")
    void unknownToken_isInvalidToken() {
        String t = freshTenant("uinfo");
        Http.Response r = http.get("/t/" + t + "/userinfo").bearer("not-a-token").send().expectStatus(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"invalid_token\"");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a token without openid → 403 with error=\"insufficient_scope\"")
    void withoutOpenid_isInsufficientScope() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        user(t, "alice", ATTRIBUTES);
        Http.Response r = http.get("/t/" + t + "/userinfo").bearer(accessToken(t, c, "email profile")).send().expectStatus(403);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"insufficient_scope\"")
                .contains("scope=\"openid\"");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: revoked and expired tokens → 401 invalid_token")
    void revokedAndExpired_areInvalidToken() {
        String t = freshTenant("uinfo", "\"accessTokenTtlSeconds\":60");
        RegisteredClient c = publicClient(t);
        user(t, "alice", ATTRIBUTES);
        String revoked = accessToken(t, c, "openid");
        http.post("/t/" + t + "/revoke").form("token", revoked, "client_id", c.clientId()).send().expectStatus(200);
        assertThat(http.get("/t/" + t + "/userinfo").bearer(revoked).send().expectStatus(401).header("WWW-Authenticate"))
                .contains("error=\"invalid_token\"");
        String expiring = accessToken(t, c, "openid");
        server.clock.advance(Duration.ofSeconds(61));
        assertThat(http.get("/t/" + t + "/userinfo").bearer(expiring).send().expectStatus(401).header("WWW-Authenticate"))
                .contains("error=\"invalid_token\"");
    }

    @Test
    @DisplayName("CONTRACT §3: the token of a user set inactive → 401 invalid_token")
    void inactiveUser_isInvalidToken() {
        String t = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice", ATTRIBUTES);
        String token = accessToken(t, c, "openid");
        Users.setActive(server, t, alice, false);
        http.get("/t/" + t + "/userinfo").bearer(token).send().expectStatus(401);
    }

    @Test
    @DisplayName("OIDC Core §5.3.3: a client_credentials token (no user) → 401 invalid_token")
    void clientToken_isInvalidToken() {
        String t = freshTenant("uinfo");
        RegisteredClient svc = register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"openid read\"}");
        String token = clientCredentialsToken(t, svc, "scope", "openid read");
        Http.Response r = http.get("/t/" + t + "/userinfo").bearer(token).send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    @DisplayName("CONTRACT §2: a token of one tenant is unknown at another tenant's userinfo")
    void token_isTenantScoped() {
        String t = freshTenant("uinfo");
        String other = freshTenant("uinfo");
        RegisteredClient c = publicClient(t);
        user(t, "alice", ATTRIBUTES);
        http.get("/t/" + other + "/userinfo").bearer(accessToken(t, c, "openid")).send().expectStatus(401);
    }
}
