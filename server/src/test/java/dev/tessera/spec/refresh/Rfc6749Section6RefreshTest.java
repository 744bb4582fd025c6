package dev.tessera.spec.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Browser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Refreshing an access token: when refresh tokens are issued, rotation on every use, scope narrowing,
 * binding to the client. Spec: RFC 6749 §1.5, §6, §10.4; RFC 9700 §4.14.2; OIDC Core §12; CONTRACT §4.
 */
@Tag("rfc6749")
class Rfc6749Section6RefreshTest extends FlowSpecTest {

    @Test
    @DisplayName("CONTRACT §4: no refresh token for a client whose grant_types lack refresh_token")
    void noRefreshTokenWithoutTheGrant() {
        String t = freshTenant("refresh");
        RegisteredClient c = register(t, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\"" + REDIRECT
                + "\"],\"token_endpoint_auth_method\":\"none\",\"scope\":\"" + SCOPES + "\"}");
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c).set("scope", "openid offline_access"), "alice");
        assertThat(tokens.json()).doesNotContainKey("refresh_token").containsKey("access_token");
    }

    @Test
    @DisplayName("RFC 6749 §6: a refresh gives a new access token and (rotation) a new refresh token")
    void refresh_rotates() {
        String t = freshTenant("refresh");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c).set("scope", "openid email"), "alice");
        Map<String, Object> second = refresh(t, c, first.refreshToken()).expectStatus(200)
                .expectHeader("Cache-Control", "no-store").json();
        assertThat(second).containsEntry("token_type", "Bearer").containsEntry("scope", "openid email")
                .containsKeys("access_token", "refresh_token", "expires_in");
        assertThat(second.get("refresh_token")).isNotEqualTo(first.refreshToken());
        assertThat(second.get("access_token")).isNotEqualTo(first.accessToken());
        assertThat(active(t, (String) second.get("access_token"))).isTrue();
        Map<String, Object> third = refresh(t, c, (String) second.get("refresh_token")).expectStatus(200).json();
        refresh(t, c, (String) third.get("refresh_token")).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §6: a narrower scope is granted; the new refresh token keeps the original scope")
    void scopeNarrowing_keepsOriginalScopeInRefreshToken() {
        String t = freshTenant("refresh");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c).set("scope", "openid email profile"), "alice");
        Map<String, Object> narrow = refresh(t, c, first.refreshToken(), "scope", "email").expectStatus(200).json();
        assertThat(narrow).containsEntry("scope", "email").doesNotContainKey("id_token");
        RegisteredClient rs = serviceClient(t, "opaque");
        assertThat(introspection(t, rs, (String) narrow.get("access_token"))).containsEntry("scope", "email");
        Map<String, Object> full = refresh(t, c, (String) narrow.get("refresh_token")).expectStatus(200).json();
        assertThat(full.get("scope").toString().split(" ")).containsExactlyInAnyOrder("openid", "email", "profile");
    }

    @Test
    @DisplayName("RFC 6749 §6: a scope beyond the original grant → invalid_scope, and the refresh token stays usable")
    void widerScope_isInvalidScope_andChangesNothing() {
        String t = freshTenant("refresh");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c).set("scope", "openid"), "alice");
        refresh(t, c, first.refreshToken(), "scope", "openid email").expectStatus(400).expectError("invalid_scope");
        refresh(t, c, first.refreshToken()).expectStatus(200);
        assertThat(events(t, "refresh_token.reuse_detected")).isEmpty();
    }

    @Test
    @DisplayName("RFC 6749 §6 / §10.4: a refresh token is bound to its client: another client → invalid_grant, owner unaffected")
    void refreshToken_isBoundToClient() {
        String t = freshTenant("refresh");
        RegisteredClient c = publicClient(t);
        RegisteredClient other = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        refresh(t, other, first.refreshToken()).expectStatus(400).expectError("invalid_grant");
        refresh(t, c, first.refreshToken()).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §6: a confidential client must authenticate to refresh")
    void confidentialClient_mustAuthenticate() {
        String t = freshTenant("refresh");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        http.post("/t/" + t + "/token").form("grant_type", "refresh_token", "refresh_token", first.refreshToken(),
                "client_id", c.clientId()).send().expectStatus(401).expectError("invalid_client");
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), "wrong").form("grant_type", "refresh_token",
                "refresh_token", first.refreshToken()).send().expectStatus(401).expectError("invalid_client");
        refresh(t, c, first.refreshToken()).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §5.2: an unknown refresh token → invalid_grant; none at all → invalid_request")
    void unknownOrMissingRefreshToken() {
        String t = freshTenant("refresh");
        RegisteredClient c = publicClient(t);
        refresh(t, c, "not-a-refresh-token").expectStatus(400).expectError("invalid_grant");
        tokenRequest(t, c, "grant_type", "refresh_token").expectStatus(400).expectError("invalid_request");
    }

    @Test
    @DisplayName("CONTRACT §2: a refresh token of one tenant is unknown at another tenant")
    void refreshToken_isTenantScoped() {
        String t = freshTenant("refresh");
        String other = freshTenant("refresh");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        var r = http.post("/t/" + other + "/token").form("grant_type", "refresh_token", "refresh_token", first.refreshToken(),
                "client_id", c.clientId()).send();
        assertThat(r.status()).isIn(400, 401);
        refresh(t, c, first.refreshToken()).expectStatus(200);
    }

    @Test
    @DisplayName("OIDC Core §12.2: an ID token from a refresh keeps iss, sub, aud and auth_time, with a new iat")
    void refreshedIdToken_keepsIdentity() throws Exception {
        String t = freshTenant("refresh");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Tokens first = tokens(b, authRequest(t, c), "alice");
        server.clock.advance(Duration.ofSeconds(90));
        String idToken = refresh(t, c, first.refreshToken()).expectStatus(200).string("id_token");
        JWTClaimsSet before = SignedJWT.parse(first.idToken()).getJWTClaimsSet();
        JWTClaimsSet after = verifiedJwt(t, idToken).getJWTClaimsSet();
        assertThat(after.getIssuer()).isEqualTo(before.getIssuer());
        assertThat(after.getSubject()).isEqualTo(before.getSubject());
        assertThat(after.getAudience()).isEqualTo(before.getAudience());
        assertThat(after.getDateClaim("auth_time")).isEqualTo(before.getDateClaim("auth_time"));
        assertThat(after.getIssueTime().toInstant().getEpochSecond()).isEqualTo(server.clock.instant().getEpochSecond());
    }

    @Test
    @DisplayName("Issue 3 item 7: a refresh is audited as token.issued with grant_type refresh_token, no token values")
    void refresh_isAudited() {
        String t = freshTenant("refresh");
        RegisteredClient c = publicClient(t);
        var alice = user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        String next = refresh(t, c, first.refreshToken()).expectStatus(200).string("refresh_token");
        assertThat(events(t, "token.issued")).filteredOn(e -> "refresh_token".equals(details(e).get("grant_type")))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("subject", alice.value())
                        .containsEntry("clientId", c.clientId()));
        assertThat(events(t).toString()).doesNotContain(first.refreshToken()).doesNotContain(next);
    }
}
