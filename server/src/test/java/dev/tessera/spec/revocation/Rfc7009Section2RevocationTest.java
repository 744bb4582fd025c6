package dev.tessera.spec.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 7009 §2.1–2.2: revocation of opaque and JWT access tokens, per client and per tenant. */
@Tag("rfc7009")
class Rfc7009Section2RevocationTest extends TokenSpecTest {
    private static final Map<String, Object> INACTIVE = Map.of("active", false);

    @Test
    @DisplayName("RFC 7009 §2.2: revoking an opaque access token → 200 and it introspects inactive at once")
    void opaqueToken_isRevokedImmediately() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        assertThat(introspection(t, c, token)).containsEntry("active", true);   // now cached as active
        Http.Response r = revoke(t, c, token).expectStatus(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(introspection(t, c, token)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("RFC 7009 §2.2: revoking a JWT access token → 200 and it introspects inactive at once (by jti)")
    void jwtToken_isRevokedImmediately() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c);
        assertThat(introspection(t, c, token)).containsEntry("active", true);
        revoke(t, c, token).expectStatus(200);
        assertThat(introspection(t, c, token)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("RFC 7009 §2: JWT revocation is by jti — stored in the revocation list, not the token value")
    void jwtRevocation_storesJtiOnly() throws Exception {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c);
        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        revoke(t, c, token).expectStatus(200);
        var mine = rows("revoked_jwts").stream().filter(r -> t.equals(r.get("tenant_id"))).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).containsEntry("jti", jti);
        assertThat(mine.get(0).values()).noneMatch(v -> String.valueOf(v).contains(token));
    }

    @Test
    @DisplayName("RFC 7009 §2.2: revoking one token leaves the client's other tokens active")
    void revocation_isPerToken() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "opaque");
        String a = clientCredentialsToken(t, c);
        String b = clientCredentialsToken(t, c);
        revoke(t, c, a).expectStatus(200);
        assertThat(introspection(t, c, a)).isEqualTo(INACTIVE);
        assertThat(introspection(t, c, b)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7009 §2.2: revoking twice → 200 both times")
    void revokingTwice_isOk() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c);
        revoke(t, c, token).expectStatus(200);
        revoke(t, c, token).expectStatus(200);
        assertThat(introspection(t, c, token)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("RFC 7009 §2.2: an unknown, malformed or expired token → 200 (nothing to revoke)")
    void unknownToken_is200() {
        String t = freshTenant("rev", "\"accessTokenTtlSeconds\":30");
        RegisteredClient c = serviceClient(t, "opaque");
        revoke(t, c, "B".repeat(43)).expectStatus(200);
        revoke(t, c, "garbage value").expectStatus(200);
        revoke(t, c, "a.b.c").expectStatus(200);
        String expiring = clientCredentialsToken(t, c);
        server.clock.advance(Duration.ofSeconds(31));
        revoke(t, c, expiring).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7009 §2.1: token missing → 400 invalid_request")
    void missingToken_is400() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "opaque");
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret()).form("token_type_hint", "access_token")
                .send().expectStatus(400).expectError("invalid_request").expectHeader("Cache-Control", "no-store");
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret()).form("token", "")
                .send().expectStatus(400).expectError("invalid_request");
    }

    @Test
    @DisplayName("RFC 7009 §2.1: a repeated token parameter → 400 invalid_request, nothing revoked")
    void repeatedToken_is400() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret()).form("token", token, "token", token)
                .send().expectStatus(400).expectError("invalid_request");
        assertThat(introspection(t, c, token)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7009 §2.1: no client authentication → 401 invalid_client, token stays active")
    void unauthenticated_is401() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        http.post("/t/" + t + "/revoke").form("token", token).send().expectStatus(401).expectError("invalid_client");
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), "wrong").form("token", token).send()
                .expectStatus(401).expectError("invalid_client");
        http.post("/t/" + t + "/revoke").form("token", token, "client_id", c.clientId()).send()
                .expectStatus(401).expectError("invalid_client");
        assertThat(introspection(t, c, token)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7009 §2.1: a client revoking another client's opaque token is refused (4xx), token stays active")
    void otherClientsOpaqueToken_isRefused() {
        String t = freshTenant("rev");
        RegisteredClient owner = serviceClient(t, "opaque");
        RegisteredClient intruder = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, owner);
        Http.Response r = revoke(t, intruder, token);
        assertThat(r.status()).isBetween(400, 499);
        assertThat(r.string("error")).isNotBlank();
        assertThat(introspection(t, owner, token)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7009 §2.1: a client revoking another client's JWT access token is refused (4xx), token stays active")
    void otherClientsJwtToken_isRefused() {
        String t = freshTenant("rev");
        RegisteredClient owner = serviceClient(t, "jwt");
        RegisteredClient intruder = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, owner);
        Http.Response r = revoke(t, intruder, token);
        assertThat(r.status()).isBetween(400, 499);
        assertThat(introspection(t, owner, token)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7009 §2.1: token_type_hint access_token, refresh_token or unknown values are accepted")
    void tokenTypeHint_isAcceptedOrIgnored() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "opaque");
        String a = clientCredentialsToken(t, c);
        String b = clientCredentialsToken(t, c);
        String d = clientCredentialsToken(t, c);
        revoke(t, c, a, "token_type_hint", "access_token").expectStatus(200);
        revoke(t, c, b, "token_type_hint", "refresh_token").expectStatus(200);   // §2.1: a wrong hint only widens the search
        revoke(t, c, d, "token_type_hint", "urn:example:whatever").expectStatus(200);
        assertThat(introspection(t, c, a)).isEqualTo(INACTIVE);
        assertThat(introspection(t, c, b)).isEqualTo(INACTIVE);
        assertThat(introspection(t, c, d)).isEqualTo(INACTIVE);
    }

    @Test
    @DisplayName("CONTRACT §2: revocation at tenant B of a token of tenant A changes nothing at A")
    void revocationInOtherTenant_hasNoEffect() {
        String a = freshTenant("rev");
        String b = freshTenant("rev");
        RegisteredClient ca = serviceClient(a, "opaque");
        RegisteredClient caJwt = serviceClient(a, "jwt");
        RegisteredClient cb = serviceClient(b, "opaque");
        String opaque = clientCredentialsToken(a, ca);
        String jwt = clientCredentialsToken(a, caJwt);
        revoke(b, cb, opaque).expectStatus(200);   // unknown at B: §2.2 answers 200
        revoke(b, cb, jwt).expectStatus(200);
        assertThat(introspection(a, ca, opaque)).containsEntry("active", true);
        assertThat(introspection(a, caJwt, jwt)).containsEntry("active", true);
    }

    @Test
    @DisplayName("CONTRACT §2: revoking a token in tenant A does not affect tenant B's tokens")
    void revocationInTenantA_leavesTenantBAlone() {
        String a = freshTenant("rev");
        String b = freshTenant("rev");
        RegisteredClient ca = serviceClient(a, "jwt");
        RegisteredClient cb = serviceClient(b, "jwt");
        String ta = clientCredentialsToken(a, ca);
        String tb = clientCredentialsToken(b, cb);
        revoke(a, ca, ta).expectStatus(200);
        assertThat(introspection(a, ca, ta)).isEqualTo(INACTIVE);
        assertThat(introspection(b, cb, tb)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7009 §2: GET on the revocation endpoint → 405 with Allow: POST")
    void get_is405() {
        String t = freshTenant("rev");
        Http.Response r = http.get("/t/" + t + "/revoke").send().expectStatus(405);
        assertThat(r.header("Allow")).isEqualTo("POST");
    }

    @Test
    @DisplayName("RFC 7009 §2.1: a form body is required (JSON → 400 invalid_request)")
    void jsonBody_is400() {
        String t = freshTenant("rev");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret()).json("{\"token\":\"" + token + "\"}")
                .send().expectStatus(400).expectError("invalid_request");
        assertThat(introspection(t, c, token)).containsEntry("active", true);
    }
}
