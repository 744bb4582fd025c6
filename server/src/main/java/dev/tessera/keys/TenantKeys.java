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
import java.util.List;
import java.util.Map;

/**
 * A tenant's keys ready for use: the active signer of its {@code signingAlgorithm} (built once, not
 * per token), the active signer of its RS256 chain (CONTRACT §2), the public JWKS of both chains,
 * and one verifier per published key id.
 */
public record TenantKeys(String activeKid, JWSAlgorithm algorithm, JWSSigner signer, Signer rs256, JWKSet publicSet,
                         String publicJson, Map<String, JWSVerifier> verifiers) {

    /** An active key ready to sign: its kid, algorithm and signer. */
    public record Signer(String kid, JWSAlgorithm algorithm, JWSSigner signer) {}

    /**
     * The algorithms a client may choose for its ID tokens, userinfo and introspection JWTs
     * (OIDC Registration §2, RFC 9701 §6): RS256 first (the default), then the tenant's algorithm.
     */
    public List<String> clientSelectableAlgorithms() {
        return algorithm.equals(JWSAlgorithm.RS256) ? List.of("RS256") : List.of("RS256", algorithm.getName());
    }

    /**
     * The signer for a client's {@code *_signed_response_alg}: the RS256 chain for RS256 (and for null,
     * the default), the tenant's key for its own algorithm. A value the tenant no longer offers (its
     * algorithm changed after the client registered) falls back to RS256, the one always offered.
     */
    public Signer signerFor(String alg) {
        if (alg != null && !alg.equals("RS256") && alg.equals(algorithm.getName())) {
            return new Signer(activeKid, algorithm, signer);
        }
        return rs256;
    }

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
