package dev.tessera.spec.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Date;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9068 §2: the JWT profile of access tokens, and how the format is chosen (CONTRACT §3). */
@Tag("rfc9068")
class Rfc9068Section2JwtAccessTokenTest extends TokenSpecTest {

    private static boolean isJwt(String token) {
        return token.chars().filter(ch -> ch == '.').count() == 2;
    }

    @Test
    @DisplayName("RFC 9068 §2.1: header typ is at+jwt and kid names a key of the tenant JWKS; the signature verifies")
    void header_isAtJwtWithPublishedKid() {
        String t = freshTenant("jat");
        RegisteredClient c = serviceClient(t, "jwt");
        SignedJWT jwt = verifiedJwt(t, clientCredentialsToken(t, c));
        assertThat(jwt.getHeader().getType()).hasToString("at+jwt");
        assertThat(jwks(t).getKeyByKeyId(jwt.getHeader().getKeyID())).isNotNull();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    }

    @Test
    @DisplayName("RFC 9068 §2.2: iss, sub, aud, exp, iat, jti, client_id, scope and tenant_id are present and right")
    void claims_areComplete() throws ParseException {
        String t = freshTenant("jat");
        RegisteredClient c = serviceClient(t, "jwt");
        JWTClaimsSet claims = verifiedJwt(t, clientCredentialsToken(t, c, "scope", "read")).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuerOf(t));
        assertThat(claims.getSubject()).isEqualTo(c.clientId());               // §2.2: sub = client for client credentials
        assertThat(claims.getAudience()).containsExactly(issuerOf(t));
        assertThat(claims.getStringClaim("client_id")).isEqualTo(c.clientId());
        assertThat(claims.getStringClaim("scope")).isEqualTo("read");
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo(t);
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isNotNull();
    }

    @Test
    @DisplayName("RFC 9068 §2.2: with no scope requested, the scope claim lists every registered scope")
    void scopeClaim_defaultsToRegistered() throws ParseException {
        String t = freshTenant("jat");
        RegisteredClient c = serviceClient(t, "jwt");
        String scope = verifiedJwt(t, clientCredentialsToken(t, c)).getJWTClaimsSet().getStringClaim("scope");
        assertThat(Arrays.asList(scope.split(" "))).containsExactlyInAnyOrder("read", "write");
    }

    @Test
    @DisplayName("RFC 9068 §2.2: exp − iat equals the tenant's accessTokenTtlSeconds, and iat is the server's now")
    void lifetime_isTenantTtl() throws ParseException {
        String t = freshTenant("jat", "\"accessTokenTtlSeconds\":456");
        RegisteredClient c = serviceClient(t, "jwt");
        long now = server.clock.instant().getEpochSecond();
        JWTClaimsSet claims = verifiedJwt(t, clientCredentialsToken(t, c)).getJWTClaimsSet();
        long iat = claims.getIssueTime().toInstant().getEpochSecond();
        long exp = claims.getExpirationTime().toInstant().getEpochSecond();
        assertThat(exp - iat).isEqualTo(456);
        assertThat(iat).isEqualTo(now);
    }

    @Test
    @DisplayName("RFC 9068 §2.2: each token has its own jti")
    void jti_isUnique() throws ParseException {
        String t = freshTenant("jat");
        RegisteredClient c = serviceClient(t, "jwt");
        String a = verifiedJwt(t, clientCredentialsToken(t, c)).getJWTClaimsSet().getJWTID();
        String b = verifiedJwt(t, clientCredentialsToken(t, c)).getJWTClaimsSet().getJWTID();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    @DisplayName("RFC 9068 §4: a JWT of one tenant does not verify with another tenant's JWKS (keys are per tenant)")
    void keys_arePerTenant() throws ParseException {
        String a = freshTenant("jat");
        String b = freshTenant("jat");
        RegisteredClient c = serviceClient(a, "jwt");
        SignedJWT jwt = SignedJWT.parse(clientCredentialsToken(a, c));
        assertThat(jwks(b).getKeyByKeyId(jwt.getHeader().getKeyID())).isNull();
        assertThat(jwks(a).getKeyByKeyId(jwt.getHeader().getKeyID())).isNotNull();
    }

    @Test
    @DisplayName("RFC 9068 §2.1: RS256 and EdDSA tenants sign at+jwt tokens that verify with their JWKS")
    void otherAlgorithms_verify() throws ParseException {
        for (String alg : new String[] {"RS256", "EdDSA"}) {
            String t = freshTenant("jat", "\"signingAlgorithm\":\"" + alg + "\"");
            RegisteredClient c = serviceClient(t, "jwt");
            SignedJWT jwt = verifiedJwt(t, clientCredentialsToken(t, c));
            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(alg);
            assertThat(jwt.getHeader().getType()).hasToString("at+jwt");
            assertThat(jwt.getJWTClaimsSet().getStringClaim("tenant_id")).isEqualTo(t);
        }
    }

    @Test
    @DisplayName("CONTRACT §3: access_token_format jwt in the client metadata gives JWTs in an opaque-default tenant")
    void clientFormatJwt_overridesTenantDefault() {
        String t = freshTenant("jat");
        assertThat(isJwt(clientCredentialsToken(t, serviceClient(t, "jwt")))).isTrue();
        assertThat(isJwt(clientCredentialsToken(t, serviceClient(t, "opaque")))).isFalse();
    }

    @Test
    @DisplayName("CONTRACT §3: the tenant's accessTokenFormat applies to clients that choose none")
    void tenantDefaultFormat_appliesWithoutClientChoice() {
        String jwtTenant = freshTenant("jat", "\"accessTokenFormat\":\"jwt\"");
        RegisteredClient unspecified = register(jwtTenant, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        String token = clientCredentialsToken(jwtTenant, unspecified);
        assertThat(isJwt(token)).isTrue();
        verifiedJwt(jwtTenant, token);
        assertThat(isJwt(clientCredentialsToken(jwtTenant, serviceClient(jwtTenant, "opaque")))).isFalse();

        String opaqueTenant = freshTenant("jat");
        RegisteredClient plain = register(opaqueTenant, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        assertThat(isJwt(clientCredentialsToken(opaqueTenant, plain))).isFalse();
    }

    @Test
    @DisplayName("RFC 9068 §2.2: a JWT access token is not stored in the access token table")
    void jwt_isNotStored() throws ParseException {
        String t = freshTenant("jat");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c);
        assertThat(rows("access_tokens")).noneMatch(row -> t.equals(row.get("tenant_id")));
        Date exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime();
        assertThat(exp).isNotNull();
    }

    @Test
    @DisplayName("RFC 9068 §2.2: the token response's expires_in matches the JWT's exp − iat")
    void expiresIn_matchesJwtLifetime() throws ParseException {
        String t = freshTenant("jat", "\"accessTokenTtlSeconds\":90");
        RegisteredClient c = serviceClient(t, "jwt");
        var r = token(t, c, "grant_type", "client_credentials").expectStatus(200);
        JWTClaimsSet claims = verifiedJwt(t, r.string("access_token")).getJWTClaimsSet();
        long lifetime = claims.getExpirationTime().toInstant().getEpochSecond() - claims.getIssueTime().toInstant().getEpochSecond();
        assertThat(r.json().get("expires_in")).isEqualTo(lifetime);
    }
}
