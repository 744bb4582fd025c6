package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import dev.tessera.testing.Users;
import dev.tessera.user.UserId;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The authorization code grant at the token endpoint: single use with revocation on replay, a short
 * lifetime, binding to client and redirect URI, client authentication, audit.
 * Spec: RFC 6749 §4.1.2, §4.1.3, §4.1.4, §5.2, §10.5; RFC 9700 §4.2.
 */
@Tag("rfc6749")
class Rfc6749Section4_1_3CodeGrantTest extends FlowSpecTest {

    @Test
    @DisplayName("RFC 6749 §4.1.4: the token response has Bearer, expires_in, scope, a refresh token and (openid) an ID token")
    void tokenResponse_isComplete() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("scope", "openid email");
        var r = redeem(req, authorize(browser(), req, "alice")).expectStatus(200)
                .expectHeader("Cache-Control", "no-store").expectHeader("Pragma", "no-cache");
        Map<String, Object> j = r.json();
        assertThat(j).containsEntry("token_type", "Bearer").containsEntry("scope", "openid email")
                .containsKeys("access_token", "expires_in", "refresh_token", "id_token");
        assertThat(active(t, (String) j.get("access_token"))).isTrue();
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: a replayed code → invalid_grant, and the tokens issued from it are revoked")
    void replay_revokesIssuedTokens() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        Tokens first = new Tokens(redeem(req, code).expectStatus(200).json());
        assertThat(active(t, first.accessToken())).isTrue();
        redeem(req, code).expectStatus(400).expectError("invalid_grant");
        assertThat(active(t, first.accessToken())).as("access token from the replayed code").isFalse();
        refresh(t, c, first.refreshToken()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: tokens already refreshed from a replayed code are revoked as well")
    void replay_revokesRefreshedTokens() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        Tokens first = new Tokens(redeem(req, code).expectStatus(200).json());
        Tokens second = new Tokens(refresh(t, c, first.refreshToken()).expectStatus(200).json());
        redeem(req, code).expectStatus(400).expectError("invalid_grant");
        assertThat(active(t, second.accessToken())).isFalse();
        refresh(t, c, second.refreshToken()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 9700 §4.2.4: a code replay is audited as authorization_code.replayed with security_alert")
    void replay_isAudited() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        redeem(req, code).expectStatus(200);
        redeem(req, code).expectStatus(400);
        assertThat(events(t, "authorization_code.replayed")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("outcome", "failure").containsEntry("clientId", c.clientId());
            assertThat(details(e)).containsEntry("security_alert", "true");
        });
        assertThat(events(t).toString()).doesNotContain(code);
    }

    @Test
    @DisplayName("Issue 3 item 7: issuing and redeeming a code are audited (authorization_code.issued, token.issued)")
    void issueAndRedeem_areAudited() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        redeem(req, code).expectStatus(200);
        assertThat(events(t, "authorization_code.issued")).singleElement().satisfies(e ->
                assertThat(e).containsEntry("clientId", c.clientId()).containsEntry("subject", alice.value()));
        assertThat(events(t, "token.issued")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("subject", alice.value());
            assertThat(details(e)).containsEntry("grant_type", "authorization_code");
        });
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: a code expires after 60 s (clock moved 61 s) → invalid_grant")
    void code_expiresAfter60Seconds() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        server.clock.advance(Duration.ofSeconds(61));
        redeem(req, code).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: a code is still good 59 s after issue")
    void code_isGoodWithin60Seconds() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        server.clock.advance(Duration.ofSeconds(59));
        redeem(req, code).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: a code issued to one client → invalid_grant for another client")
    void code_isBoundToClient() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        RegisteredClient other = publicClient(t);
        RegisteredClient confidential = confidentialClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        String[] form = {"grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", req.pkce.verifier()};
        tokenRequest(t, other, form).expectStatus(400).expectError("invalid_grant");
        tokenRequest(t, confidential, form).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: a redirect_uri different from the authorization request's → invalid_grant")
    void code_isBoundToRedirectUri() {
        String t = freshTenant("code");
        RegisteredClient c = register(t, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\"https://app.example/a\","
                + "\"https://app.example/b\"],\"token_endpoint_auth_method\":\"none\",\"scope\":\"openid\"}");
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("redirect_uri", "https://app.example/a");
        String code = authorize(browser(), req, "alice");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "redirect_uri", "https://app.example/b",
                "code_verifier", req.pkce.verifier()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: redirect_uri given in the authorization request but missing at the token endpoint → invalid_grant")
    void missingRedirectUri_isRefused() {
        String t = freshTenant("code");
        RegisteredClient c = register(t, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\"https://app.example/a\","
                + "\"https://app.example/b\"],\"token_endpoint_auth_method\":\"none\",\"scope\":\"openid\"}");
        user(t, "alice");
        AuthRequest req = authRequest(t, c).set("redirect_uri", "https://app.example/a");
        String code = authorize(browser(), req, "alice");
        var r = tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "code_verifier", req.pkce.verifier());
        r.expectStatus(400);
        assertThat(r.string("error")).isIn("invalid_grant", "invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: redirect_uri given in the authorization request of a client with one registered URI "
            + "but missing at the token endpoint → invalid_grant, and the code is spent")
    void missingRedirectUri_withOneRegisteredUri_isInvalidGrant() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);                                  // carries redirect_uri (the one registered)
        String code = authorize(browser(), req, "alice");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "code_verifier", req.pkce.verifier())
                .expectStatus(400).expectError("invalid_grant");
        redeem(req, code).expectStatus(400).expectError("invalid_grant");     // single use: no second try with it
        AuthRequest again = authRequest(t, c);
        redeem(again, authorize(browser(), again, "alice")).expectStatus(200);  // repeated identically, it redeems
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: redirect_uri omitted in the authorization request may still be sent, identical, at the token endpoint")
    void redirectUriOmittedThenSent_redeems() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).remove("redirect_uri");
        String code = signIn(browser().get(req.path()), "alice", PASSWORD).redirectParams().get("code");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", req.pkce.verifier()).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: redirect_uri omitted in both requests (one registered URI) redeems")
    void redirectUriOmittedInBoth_redeems() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).remove("redirect_uri");
        Browser.Page page = signIn(browser().get(req.path()), "alice", PASSWORD).expectStatus(302);
        assertThat(page.location()).startsWith(REDIRECT + "?");
        String code = page.redirectParams().get("code");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "code_verifier", req.pkce.verifier())
                .expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.3: a confidential client must authenticate: none or a wrong secret → 401 invalid_client")
    void confidentialClient_mustAuthenticate() {
        String t = freshTenant("code");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        http.post("/t/" + t + "/token").form("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", req.pkce.verifier(), "client_id", c.clientId()).send().expectStatus(401).expectError("invalid_client");
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), "wrong-secret").form("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", req.pkce.verifier()).send()
                .expectStatus(401).expectError("invalid_client");
        redeem(req, code).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §5.2: an unknown code → invalid_grant; a missing code → invalid_request")
    void unknownOrMissingCode() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        tokenRequest(t, c, "grant_type", "authorization_code", "code", "not-a-code", "redirect_uri", REDIRECT,
                "code_verifier", Pkce.create().verifier()).expectStatus(400).expectError("invalid_grant");
        tokenRequest(t, c, "grant_type", "authorization_code", "redirect_uri", REDIRECT).expectStatus(400)
                .expectError("invalid_request");
    }

    @Test
    @DisplayName("CONTRACT §3: a user deactivated between authorization and token request gets no tokens")
    void deactivatedUser_getsNoTokens() {
        String t = freshTenant("code");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        Users.setActive(server, t, alice, false);
        redeem(req, code).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("CONTRACT §2: a code of one tenant is unknown at another tenant's token endpoint")
    void code_isTenantScoped() {
        String t = freshTenant("code");
        String other = freshTenant("code");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        var r = http.post("/t/" + other + "/token").form("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", req.pkce.verifier(), "client_id", c.clientId()).send();
        assertThat(r.status()).isIn(400, 401);
        redeem(req, code).expectStatus(200);
    }
}
