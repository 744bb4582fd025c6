package dev.tessera.spec.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Helpers of the jwks_uri tests: private_key_jwt clients registered with a jwks_uri, and their assertions. */
abstract class JwksUriSpecTest extends TokenSpecTest {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String metadata(String jwksUri) {
        return "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"scope\":\"read\",\"jwks_uri\":\"" + jwksUri + "\"}";
    }

    Http.Response registerRaw(String tenant, String jwksUri) {
        return http.post("/t/" + tenant + "/register").bearer(adminToken()).json(metadata(jwksUri)).send();
    }

    String assertion(String tenant, ECKey key, String clientId) {
        Instant now = server.clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenEndpointOf(tenant))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120))).jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    Http.Response tokenWith(String tenant, ECKey key, String clientId) {
        return http.post("/t/" + tenant + "/token").form("grant_type", "client_credentials",
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", assertion(tenant, key, clientId)).send();
    }

    static void expectInvalidClient(Http.Response r) {
        r.expectStatus(401).expectError("invalid_client").expectHeader("Cache-Control", "no-store");
        assertThat(r.json()).doesNotContainKey("access_token");
    }
}
