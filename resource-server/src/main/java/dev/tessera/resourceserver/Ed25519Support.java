package dev.tessera.resourceserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * EdDSA (Ed25519) for Nimbus's {@code DefaultJWTProcessor} with the JDK's own Ed25519 (Java 15+), so the
 * library needs no Tink: Nimbus turns only RSA and EC JWKs into Java keys, and its Ed25519 verifier is
 * Tink's. Everything else (JWKS, key selection, RSA, EC, claims) stays Nimbus's.
 * Spec: RFC 8037 §3.1 (OKP keys), §3.2 (EdDSA signatures); RFC 8410 §4 (the X.509 key encoding).
 */
final class Ed25519Support {
    /** DER of an Ed25519 SubjectPublicKeyInfo up to the 32 key bytes (RFC 8410 §4). */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Support() {}

    /** Selects keys like Nimbus does, and also Ed25519 OKP keys as JDK public keys. */
    static final class KeySelector extends JWSVerificationKeySelector<SecurityContext> {
        KeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> source) {
            super(algorithms, source);
        }

        @Override
        public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) return super.selectJWSKeys(header, context);
            if (!isAllowed(JWSAlgorithm.EdDSA)) return List.of();
            // the source refreshes its cached set (rate-limited) when no key matches, as for other algorithms
            List<JWK> matches = getJWKSource().get(new JWKSelector(createJWKMatcher(header)), context);
            List<Key> keys = new ArrayList<>();
            for (JWK jwk : matches) {
                if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                    PublicKey k = publicKey(okp.getDecodedX());
                    if (k != null) keys.add(k);
                }
            }
            return keys;
        }
    }

    /** Nimbus's verifier factory, plus the JDK Ed25519 verifier for EdDSA. */
    static final class VerifierFactory implements JWSVerifierFactory {
        private final DefaultJWSVerifierFactory nimbus = new DefaultJWSVerifierFactory();

        @Override
        public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
            if (JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                if (!(key instanceof PublicKey pk) || !"EdDSA".equals(pk.getAlgorithm()) && !"Ed25519".equals(pk.getAlgorithm())) {
                    throw new JOSEException("EdDSA needs an Ed25519 public key");
                }
                return new Verifier(pk);
            }
            return nimbus.createJWSVerifier(header, key);
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            Set<JWSAlgorithm> all = new java.util.HashSet<>(nimbus.supportedJWSAlgorithms());
            all.add(JWSAlgorithm.EdDSA);
            return all;
        }

        @Override
        public JCAContext getJCAContext() {
            return nimbus.getJCAContext();
        }
    }

    private static final class Verifier implements JWSVerifier {
        private final PublicKey key;
        private final CriticalHeaderParamsDeferral crit = new CriticalHeaderParamsDeferral();

        Verifier(PublicKey key) {
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || !crit.headerPasses(header)) return false;
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(signingInput);
                return s.verify(signature.decode());
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return new JCAContext();
        }
    }

    /** The JDK key for raw Ed25519 public key bytes ({@code x}), or null if they are not 32 bytes. */
    static PublicKey publicKey(byte[] x) {
        if (x == null || x.length != 32) return null;
        byte[] der = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(x, 0, der, X509_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
