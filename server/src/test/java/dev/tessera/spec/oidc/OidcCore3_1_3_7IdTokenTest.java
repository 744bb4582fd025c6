package dev.tessera.spec.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Browser;
import dev.tessera.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ID token of the code flow, checked as a relying party checks it (Nimbus IDTokenValidator and
 * AccessTokenValidator against the published JWKS). Spec: OIDC Core §2, §3.1.3.3, §3.1.3.6 (at_hash),
 * §3.1.3.7 (validation); OIDC Front-Channel Logout §3 (sid).
 */
@Tag("oidc")
class OidcCore3_1_3_7IdTokenTest extends FlowSpecTest {

    @Test
    @DisplayName("OIDC Core §2: iss, sub, aud, exp, iat, auth_time, nonce, amr, at_hash and sid, signed with the tenant JWKS")
    void idToken_hasTheRequiredClaims() throws Exception {
        String t = freshTenant("idt");
        RegisteredClient c = publicClient(t);
        UserId alice = user(t, "alice");
        AuthRequest req = authRequest(t, c);
        long signedInAt = server.clock.instant().getEpochSecond();
        Browser b = browser();
        String code = authorize(b, req, "alice");
        server.clock.advance(Duration.ofSeconds(5));
        Tokens tokens = new Tokens(redeem(req, code).expectStatus(200).json());
        SignedJWT jwt = verifiedJwt(t, tokens.idToken());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuerOf(t));
        assertThat(claims.getSubject()).isEqualTo(alice.value());
        assertThat(claims.getAudience()).containsExactly(c.clientId());
        long iat = claims.getIssueTime().toInstant().getEpochSecond();
        assertThat(iat).isEqualTo(server.clock.instant().getEpochSecond());
        assertThat(claims.getExpirationTime().toInstant().getEpochSecond()).isGreaterThan(iat);
        assertThat(claims.getDateClaim("auth_time").toInstant().getEpochSecond()).isEqualTo(signedInAt);
        assertThat(claims.getStringClaim("nonce")).isEqualTo(req.get("nonce"));
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(claims.getStringClaim("azp")).isEqualTo(c.clientId());
        Object sid = details(events(t, "signin.succeeded").get(0)).get("sid");
        assertThat(claims.getStringClaim("sid")).isNotBlank().isEqualTo(sid);
        assertThat(jwt.getHeader().getKeyID()).isNotNull();
        assertThat(tokens.json().toString()).doesNotContain(PASSWORD);
    }

    @Test
    @DisplayName("OIDC Core §3.1.3.7: the ID token passes a relying party's validation (Nimbus IDTokenValidator)")
    void idToken_passesRelyingPartyValidation() throws Exception {
        String t = freshTenant("idt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        AuthRequest req = authRequest(t, c);
        Tokens tokens = tokens(browser(), req, "alice");
        SignedJWT jwt = SignedJWT.parse(tokens.idToken());
        IDTokenValidator validator = new IDTokenValidator(new Issuer(issuerOf(t)), new ClientID(c.clientId()),
                jwt.getHeader().getAlgorithm(), jwks(t));
        validator.setMaxClockSkew(3600);       // the server's clock is the test's MutableClock
        IDTokenClaimsSet claims = validator.validate(jwt, new Nonce(req.get("nonce")));
        assertThat(claims.getAccessTokenHash()).isNotNull();
        AccessTokenValidator.validate(new BearerAccessToken(tokens.accessToken()), jwt.getHeader().getAlgorithm(),
                claims.getAccessTokenHash());
    }

    @Test
    @DisplayName("OIDC Core §3.1.3.6: at_hash is the left half of the hash of the access token (Nimbus compute)")
    void atHash_matchesAccessToken() throws Exception {
        String t = freshTenant("idt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c), "alice");
        SignedJWT jwt = verifiedJwt(t, tokens.idToken());
        String expected = AccessTokenHash.compute(new BearerAccessToken(tokens.accessToken()), jwt.getHeader().getAlgorithm(),
                null).getValue();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("at_hash")).isEqualTo(expected);
    }

    @Test
    @DisplayName("OIDC Core §3.1.3.6: a JWT access token's at_hash verifies as well")
    void atHash_ofJwtAccessToken() throws Exception {
        String t = freshTenant("idt");
        RegisteredClient c = publicClient(t, "\"access_token_format\":\"jwt\"");
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c), "alice");
        SignedJWT jwt = verifiedJwt(t, tokens.idToken());
        assertThat(tokens.accessToken().split("\\.")).hasSize(3);
        AccessTokenValidator.validate(new BearerAccessToken(tokens.accessToken()), jwt.getHeader().getAlgorithm(),
                new AccessTokenHash(jwt.getJWTClaimsSet().getStringClaim("at_hash")));
    }

    @Test
    @DisplayName("OIDC Core §3.1.3.6: with an RS256 tenant key the ID token is RS256 and at_hash uses SHA-256")
    void rs256Tenant() throws Exception {
        String t = freshTenant("idt", "\"signingAlgorithm\":\"RS256\"");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c), "alice");
        SignedJWT jwt = verifiedJwt(t, tokens.idToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("at_hash")).isEqualTo(AccessTokenHash.compute(
                new BearerAccessToken(tokens.accessToken()), JWSAlgorithm.RS256, null).getValue());
    }

    @Test
    @DisplayName("OIDC Core §3.1.3.6: with an EdDSA tenant key chosen by the client, at_hash follows the Ed25519 rule")
    void eddsaTenant() throws Exception {
        String t = freshTenant("idt", "\"signingAlgorithm\":\"EdDSA\"");
        RegisteredClient c = publicClient(t, "\"id_token_signed_response_alg\":\"EdDSA\"");
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c), "alice");
        SignedJWT jwt = verifiedJwt(t, tokens.idToken());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("at_hash")).isEqualTo(AccessTokenHash.compute(
                new BearerAccessToken(tokens.accessToken()), JWSAlgorithm.EdDSA, Curve.Ed25519).getValue());
    }

    @Test
    @DisplayName("OIDC Core §2: without a nonce in the request there is no nonce claim")
    void noNonceRequested_noNonceClaim() throws Exception {
        String t = freshTenant("idt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c).remove("nonce"), "alice");
        assertThat(SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getClaims()).doesNotContainKey("nonce");
    }

    @Test
    @DisplayName("OIDC Core §3.1.3.3: no openid scope → no ID token")
    void withoutOpenid_noIdToken() {
        String t = freshTenant("idt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Map<String, Object> json = tokens(browser(), authRequest(t, c).set("scope", "email"), "alice").json();
        assertThat(json).doesNotContainKey("id_token").containsKey("access_token").containsEntry("scope", "email");
    }

    @Test
    @DisplayName("OIDC Core §2: auth_time stays the sign-in time for a later silent authorization in the same session")
    void authTime_isTheSignInTime() throws Exception {
        String t = freshTenant("idt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        long signedInAt = server.clock.instant().getEpochSecond();
        authorize(b, authRequest(t, c), "alice");
        server.clock.advance(Duration.ofSeconds(300));
        AuthRequest later = authRequest(t, c).set("prompt", "none");
        String code = codeOf(b.get(later.path()), later);
        JWTClaimsSet claims = SignedJWT.parse(redeem(later, code).expectStatus(200).string("id_token")).getJWTClaimsSet();
        assertThat(claims.getDateClaim("auth_time").toInstant().getEpochSecond()).isEqualTo(signedInAt);
        assertThat(claims.getIssueTime().toInstant().getEpochSecond()).isEqualTo(signedInAt + 300);
    }

    @Test
    @DisplayName("OIDC Front-Channel Logout §3: ID tokens of one session share its sid; another session has another")
    void sid_isPerSession() throws Exception {
        String t = freshTenant("idt");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        String one = SignedJWT.parse(tokens(b, authRequest(t, c), "alice").idToken()).getJWTClaimsSet().getStringClaim("sid");
        String again = SignedJWT.parse(tokens(b, authRequest(t, c), "alice").idToken()).getJWTClaimsSet().getStringClaim("sid");
        String other = SignedJWT.parse(tokens(browser(), authRequest(t, c), "alice").idToken()).getJWTClaimsSet()
                .getStringClaim("sid");
        assertThat(again).isEqualTo(one);
        assertThat(other).isNotEqualTo(one);
        assertThat(List.of(one, other)).doesNotContainNull();
    }
}
