package dev.tessera.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.security.Key;
import java.util.Map;

/**
 * A tenant's keys ready for use: the active signer (built once, not per token), the public JWKS,
 * and one verifier per published key id.
 */
public record TenantKeys(String activeKid, JWSAlgorithm algorithm, JWSSigner signer, JWKSet publicSet,
                         String publicJson, Map<String, JWSVerifier> verifiers) {

    public JWSVerifier verifier(String kid) {
        return kid == null ? null : verifiers.get(kid);
    }

    static JWSVerifier verifierFor(JWK jwk) throws JOSEException {
        if (jwk instanceof OctetKeyPair okp) {
            return new com.nimbusds.jose.crypto.Ed25519Verifier(okp.toPublicJWK());
        }
        JWSAlgorithm alg = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        Key key = jwk instanceof com.nimbusds.jose.jwk.ECKey ec ? ec.toECPublicKey() : jwk.toRSAKey().toRSAPublicKey();
        return new DefaultJWSVerifierFactory().createJWSVerifier(
                new com.nimbusds.jose.JWSHeader(alg), key);
    }
}
