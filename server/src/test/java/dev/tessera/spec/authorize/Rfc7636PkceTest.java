package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PKCE: required for public clients, S256 only, verified at the token endpoint.
 * Spec: RFC 7636 §4.3, §4.4.1, §4.6; RFC 9700 §2.1.1 (plain refused, downgrade refused).
 */
@Tag("rfc7636")
class Rfc7636PkceTest extends FlowSpecTest {

    @Test
    @DisplayName("RFC 7636 §4.4.1: a public client without code_challenge → redirect with invalid_request")
    void publicClientWithoutChallenge_isRefused() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).remove("code_challenge").remove("code_challenge_method");
        errorOf(browser().get(req.path()), req, "invalid_request");
    }

    @Test
    @DisplayName("RFC 7636 §4.3 / RFC 9700 §2.1.1: code_challenge_method=plain → invalid_request")
    void plainMethod_isRefused() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c);
        req.set("code_challenge", req.pkce.verifier()).set("code_challenge_method", "plain");
        errorOf(browser().get(req.path()), req, "invalid_request");
    }

    @Test
    @DisplayName("RFC 7636 §4.3: a challenge without code_challenge_method (which would mean plain) → invalid_request")
    void challengeWithoutMethod_isRefused() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).remove("code_challenge_method");
        errorOf(browser().get(req.path()), req, "invalid_request");
    }

    @Test
    @DisplayName("RFC 7636 §4.2: a malformed code_challenge (too short) → invalid_request")
    void malformedChallenge_isRefused() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        AuthRequest req = authRequest(t, c).set("code_challenge", "short");
        errorOf(browser().get(req.path()), req, "invalid_request");
    }

    @Test
    @DisplayName("RFC 7636 §4.6: the right S256 verifier redeems the code")
    void rightVerifier_redeems() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        var r = redeem(req, code).expectStatus(200);
        assertThat(r.string("token_type")).isEqualTo("Bearer");
        assertThat(r.string("access_token")).isNotBlank();
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    @DisplayName("RFC 7636 §4.6: a wrong code_verifier → invalid_grant, and the code is then spent")
    void wrongVerifier_isInvalidGrant() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        String other = Pkce.create().verifier();
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", other)
                .expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 7636 §4.6: a missing code_verifier for a code with a challenge → invalid_grant")
    void missingVerifier_isInvalidGrant() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT)
                .expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 7636 §4.6: the challenge itself sent as verifier (plain downgrade) → invalid_grant")
    void challengeAsVerifier_isInvalidGrant() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", req.pkce.challenge()).expectStatus(400).expectError("invalid_grant");
    }

    @Test
    @DisplayName("RFC 7636 §4.1: a verifier with illegal characters → invalid_grant (or invalid_request), never 5xx")
    void malformedVerifier_is400() {
        String t = freshTenant("pkce");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        var r = tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", "bad verifier!");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.string("error")).isIn("invalid_grant", "invalid_request");
    }

    @Test
    @DisplayName("RFC 7636 §4.4: a confidential client may omit PKCE, and then a code_verifier at the token endpoint is refused")
    void confidentialWithoutPkce_refusesInjectedVerifier() {
        String t = freshTenant("pkce");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c).remove("code_challenge").remove("code_challenge_method");
        Browser b = browser();
        String code = authorize(b, req, "alice");
        redeem(req, code).expectStatus(400).expectError("invalid_grant");      // verifier sent without a challenge (RFC 9700 §4.8.2)
        AuthRequest again = authRequest(t, c).remove("code_challenge").remove("code_challenge_method");
        String code2 = authorize(b, again, "alice");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code2, "redirect_uri", REDIRECT).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7636 §4.4: a confidential client that sends a challenge is held to it")
    void confidentialWithPkce_isVerified() {
        String t = freshTenant("pkce");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        String code = authorize(browser(), req, "alice");
        tokenRequest(t, c, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT)
                .expectStatus(400).expectError("invalid_grant");
    }
}
