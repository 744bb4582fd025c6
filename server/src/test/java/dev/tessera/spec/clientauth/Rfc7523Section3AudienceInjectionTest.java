package dev.tessera.spec.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7523 §3 item 3: the assertion's {@code aud} identifies Tessera: the issuer or the endpoint URL,
 * alone. An {@code aud} array that also names a foreign audience makes one assertion good at two
 * servers (the other could replay it here), so it is refused even though one of its values is ours.
 */
@Tag("rfc7523")
class Rfc7523Section3AudienceInjectionTest extends TokenSpecTest {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String FOREIGN = "https://other-as.example/token";

    private String t;
    private ECKey key;
    private RegisteredClient client;

    @BeforeAll
    void setUp() throws JOSEException {
        t = freshTenant("aud");
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        client = register(t, "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"scope\":\"read\",\"jwks\":" + new JWKSet(key.toPublicJWK()).toString() + "}");
    }

    private Http.Response tokenWith(List<String> aud) {
        Instant now = server.clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(client.clientId()).subject(client.clientId()).audience(aud)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120))).jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return http.post("/t/" + t + "/token").form("grant_type", "client_credentials",
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", jwt.serialize()).send();
    }

    @Test
    @DisplayName("RFC 7523 §3: aud as a one-element array holding the issuer or the token endpoint → accepted")
    void singleOwnValueInArray_isAccepted() {
        tokenWith(List.of(issuerOf(t))).expectStatus(200);
        tokenWith(List.of(tokenEndpointOf(t))).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7523 §3: aud array with our value and a foreign one (either order) → 401 invalid_client")
    void arrayWithForeignValue_isRefused() {
        for (List<String> aud : List.of(List.of(tokenEndpointOf(t), FOREIGN), List.of(FOREIGN, tokenEndpointOf(t)),
                List.of(issuerOf(t), FOREIGN), List.of(issuerOf(t), server.issuer("other-tenant")))) {
            Http.Response r = tokenWith(aud).expectStatus(401).expectError("invalid_client");
            assertThat(r.json()).as("aud %s", aud).doesNotContainKey("access_token");
        }
    }

    @Test
    @DisplayName("RFC 7523 §3: aud array with only foreign values → 401 invalid_client")
    void arrayOfForeignValues_isRefused() {
        tokenWith(List.of(FOREIGN, "https://third.example")).expectStatus(401).expectError("invalid_client");
    }
}
