package dev.tessera.resourceserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/** Signing keys generated once per test run, named by intent. */
final class TestKeys {
    static final JWK ACME_ES256 = ec("acme-es256");
    static final JWK ACME_NEXT_ES256 = ec("acme-next");
    static final JWK GLOBEX_ES256 = ec("globex-es256");
    static final JWK ACME_RS256 = rsa("acme-rs256");
    static final JWK ACME_EDDSA = ed25519("acme-eddsa");
    /** Never published anywhere. */
    static final JWK ROGUE_ES256 = ec("acme-es256");

    private TestKeys() {}

    static JWK ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWK rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static JWK ed25519(String kid) {
        try {
            return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
