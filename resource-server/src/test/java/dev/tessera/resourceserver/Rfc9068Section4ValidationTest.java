package dev.tessera.resourceserver;

import static dev.tessera.resourceserver.Decisions.allowed;
import static dev.tessera.resourceserver.Decisions.invalidToken;
import static dev.tessera.resourceserver.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("rfc9068")
class Rfc9068Section4ValidationTest {
    private final Fixture f = new Fixture();
    private final ResourceServer api = f.ordersApi().build();

    @AfterEach
    void close() {
        f.close();
    }

    private Decision read(String token) {
        return api.authorize("GET", "/api/t/acme/orders", bearer(token));
    }

    @Test
    @DisplayName("RFC 9068 §4: a valid ES256 token is accepted and its claims are handed over")
    void validToken_isAllowedWithItsClaims() {
        AccessToken t = allowed(read(f.acmeToken().claim("scope", "orders:read profile").sign()));
        assertThat(t.tenant()).isEqualTo("acme");
        assertThat(t.subject()).isEqualTo("alice");
        assertThat(t.clientId()).isEqualTo("orders-spa");
        assertThat(t.scopes()).containsExactly("orders:read", "profile");
        assertThat(t.issuer()).isEqualTo(f.jwks.issuer("acme"));
        assertThat(t.audience()).containsExactly(Fixture.AUDIENCE);
        assertThat(t.expiresAt()).isEqualTo(Fixture.T0.plusSeconds(300));
    }

    @Test
    @DisplayName("RFC 9068 §4: RS256 and EdDSA (Ed25519) tokens are accepted too")
    void rs256AndEdDsa_areAccepted() {
        allowed(read(f.acmeToken().signedWith(TestKeys.ACME_RS256).sign()));
        allowed(read(f.acmeToken().signedWith(TestKeys.ACME_EDDSA).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §4: typ application/at+jwt is accepted")
    void applicationAtJwtType_isAccepted() {
        allowed(read(f.acmeToken().typ("application/at+jwt").sign()));
    }

    @ParameterizedTest(name = "typ {0}")
    @ValueSource(strings = {"JWT", "jwt", "at+jwt+x", "application/jwt", "secevent+jwt"})
    @DisplayName("RFC 9068 §4 step 1: a typ other than at+jwt is refused (RFC 8725 §3.11)")
    void otherType_isRefused(String typ) {
        invalidToken(read(f.acmeToken().typ(typ).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 1: a token without typ (an ID token, say) is refused")
    void missingType_isRefused() {
        invalidToken(read(f.acmeToken().typ(null).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 3: an issuer that is not trusted is refused")
    void untrustedIssuer_isRefused() {
        invalidToken(read(f.acmeToken().claim("iss", f.jwks.issuer("initech")).sign()));
        invalidToken(read(f.acmeToken().claim("iss", f.jwks.issuer("acme") + "/").sign()));
        invalidToken(read(f.acmeToken().without("iss").sign()));
        invalidToken(read(f.acmeToken().claim("iss", 42).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 4: an audience other than the API's is refused; a list containing it is accepted")
    void audience_mustContainTheApi() {
        invalidToken(read(f.acmeToken().claim("aud", "https://api.example/billing").sign()));
        invalidToken(read(f.acmeToken().claim("aud", f.jwks.issuer("acme")).sign()));
        invalidToken(read(f.acmeToken().without("aud").sign()));
        allowed(read(f.acmeToken().claim("aud", List.of("https://api.example/billing", Fixture.AUDIENCE)).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 5: a signature by a key not in the issuer's JWKS (same kid) is refused")
    void forgedSignature_isRefused() {
        invalidToken(read(f.acmeToken().signedWith(TestKeys.ROGUE_ES256).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 5: alg none is refused")
    void unsecuredToken_isRefused() {
        invalidToken(read(f.acmeToken().unsecured()));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 5: HS256 keyed with the issuer's public key is refused (RFC 8725 §2.1)")
    void hmacWithPublicKey_isRefused() {
        invalidToken(read(f.acmeToken().signHs256WithPublicKeyBytes(TestKeys.ACME_RS256)));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 5: an algorithm outside the allowed list is refused, even with a published key")
    void algorithmOutsideAllowList_isRefused() {
        ResourceServer esOnly = f.ordersApi().algorithms(JWSAlgorithm.ES256).build();
        invalidToken(esOnly.authorize("GET", "/api/t/acme/orders", bearer(f.acmeToken().signedWith(TestKeys.ACME_RS256).sign())));
        invalidToken(read(f.acmeToken().signedWith(TestKeys.ACME_RS256).alg(JWSAlgorithm.PS256).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 6: an expired token is refused once the leeway has passed")
    void expiredToken_isRefusedAfterLeeway() {
        String token = f.acmeToken().exp(Fixture.T0.plusSeconds(60)).sign();
        f.clock.advance(Duration.ofSeconds(60 + 29)); // before exp + the default leeway of 30 s: accepted
        allowed(read(token));
        f.clock.advance(Duration.ofSeconds(1));
        Decision.Deny deny = invalidToken(read(token));
        assertThat(deny.description()).isEqualTo("The access token expired");
    }

    @Test
    @DisplayName("RFC 9068 §4 step 6: with leeway 0 a token is refused the second it expires")
    void zeroLeeway_refusesAtExpiry() {
        ResourceServer strict = f.ordersApi().leeway(Duration.ZERO).build();
        String token = f.acmeToken().exp(Fixture.T0.plusSeconds(10)).sign();
        f.clock.advance(Duration.ofSeconds(9));
        allowed(strict.authorize("GET", "/api/t/acme/orders", bearer(token)));
        f.clock.advance(Duration.ofSeconds(1));
        invalidToken(strict.authorize("GET", "/api/t/acme/orders", bearer(token)));
    }

    @Test
    @DisplayName("RFC 7519 §4.1.5: a token used before nbf (beyond the leeway) is refused")
    void notYetValid_isRefused() {
        invalidToken(read(f.acmeToken().nbf(Fixture.T0.plusSeconds(30)).sign()));
        allowed(read(f.acmeToken().nbf(Fixture.T0.plusSeconds(29)).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §2.2: a token issued in the future (beyond the leeway) is refused")
    void issuedInTheFuture_isRefused() {
        invalidToken(read(f.acmeToken().iat(Fixture.T0.plusSeconds(31)).sign()));
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"exp", "sub", "client_id", "iat", "jti", "tenant_id"})
    @DisplayName("RFC 9068 §2.2: a token without a required claim is refused")
    void missingRequiredClaim_isRefused(String claim) {
        invalidToken(read(f.acmeToken().without(claim).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §2.2: claims of the wrong type or blank are refused")
    void wronglyTypedClaims_areRefused() {
        invalidToken(read(f.acmeToken().claim("client_id", 7).sign()));
        invalidToken(read(f.acmeToken().claim("scope", List.of("orders:read")).sign()));
        invalidToken(read(f.acmeToken().claim("tenant_id", List.of("acme")).sign()));
        invalidToken(read(f.acmeToken().claim("jti", Map.of()).sign()));
        invalidToken(read(f.acmeToken().claim("client_id", " ").sign()));
        invalidToken(read(f.acmeToken().claim("exp", "tomorrow").sign()));
    }

    @Test
    @DisplayName("CONTRACT §2: tenant_id must be the tenant of the issuer that signed it")
    void tenantIdOfAnotherTenant_isRefused() {
        invalidToken(read(f.acmeToken().claim("tenant_id", "globex").sign()));
    }

    @Test
    @DisplayName("RFC 9449 §7.1: a sender-constrained token (cnf) presented as a bearer token is refused")
    void senderConstrainedToken_isRefused() {
        invalidToken(read(f.acmeToken().claim("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")).sign()));
        invalidToken(read(f.acmeToken().claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")).sign()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abc", "a.b", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30.", "e30.e30.e30.e30.e30"})
    @DisplayName("RFC 9068 §4: anything that is not a signed JWT is refused")
    void garbage_isRefused(String token) {
        invalidToken(read(token));
    }

    @Test
    @DisplayName("RFC 9068 §4: verify() applies the same checks without a route")
    void verify_withoutRoute() throws InvalidTokenException {
        assertThat(api.verify(f.acmeToken().sign()).subject()).isEqualTo("alice");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.verify(f.acmeToken().typ("JWT").sign()))
                .isInstanceOf(InvalidTokenException.class).hasMessage("The access token is invalid");
    }
}
