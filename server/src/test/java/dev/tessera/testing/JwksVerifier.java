package dev.tessera.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/** Verifies a JWT the way a resource server does: by the key of its {@code kid} in a published JWKS. */
public final class JwksVerifier {
    private JwksVerifier() {}

    /** True if {@code jwks} publishes the JWT's {@code kid} and that key verifies its signature. */
    public static boolean verifies(String jwks, String jwt) {
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            JWK key = JWKSet.parse(jwks).getKeyByKeyId(signed.getHeader().getKeyID());
            if (key == null) return false;
            JWSVerifier verifier;
            if (key instanceof ECKey ec) verifier = new ECDSAVerifier(ec);
            else if (key instanceof RSAKey rsa) verifier = new RSASSAVerifier(rsa);
            else if (key instanceof OctetKeyPair okp) verifier = new Ed25519Verifier(okp);
            else return false;
            return signed.verify(verifier);
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("cannot verify: " + e.getMessage(), e);
        }
    }

    public static SignedJWT parse(String jwt) {
        try {
            return SignedJWT.parse(jwt);
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }
}
