package dev.tessera.resourceserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds an RFC 9068 access token that is valid by default (a Tessera token of tenant {@code acme} for
 * audience {@link Fixture#AUDIENCE}, scope {@code orders:read}), so a test changes exactly one thing.
 */
final class TestToken {
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private JWK key = TestKeys.ACME_ES256;
    private JWSAlgorithm alg;
    private JOSEObjectType typ = new JOSEObjectType("at+jwt");
    private String kid;
    private boolean kidSet;

    TestToken(String issuer, String tenant, Instant now) {
        claims.put("iss", issuer);
        claims.put("sub", "alice");
        claims.put("aud", Fixture.AUDIENCE);
        claims.put("exp", now.plusSeconds(300).getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("client_id", "orders-spa");
        claims.put("tenant_id", tenant);
        claims.put("scope", "orders:read");
    }

    TestToken claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    TestToken without(String name) {
        claims.remove(name);
        return this;
    }

    TestToken exp(Instant t) {
        return claim("exp", t.getEpochSecond());
    }

    TestToken nbf(Instant t) {
        return claim("nbf", t.getEpochSecond());
    }

    TestToken iat(Instant t) {
        return claim("iat", t.getEpochSecond());
    }

    TestToken typ(String typ) {
        this.typ = typ == null ? null : new JOSEObjectType(typ);
        return this;
    }

    TestToken signedWith(JWK key) {
        this.key = key;
        return this;
    }

    /** Overrides the {@code kid} header (null: none). */
    TestToken kid(String kid) {
        this.kid = kid;
        this.kidSet = true;
        return this;
    }

    /** Overrides the {@code alg} header (the signature is made with that algorithm where the key allows). */
    TestToken alg(JWSAlgorithm alg) {
        this.alg = alg;
        return this;
    }

    String sign() {
        try {
            JWSAlgorithm a = alg != null ? alg : (JWSAlgorithm) key.getAlgorithm();
            JWSHeader.Builder h = new JWSHeader.Builder(a).keyID(kidSet ? kid : key.getKeyID());
            if (typ != null) h.type(typ);
            JWSObject jws = new JWSObject(h.build(), new Payload(claims)); // claims as given, even ill-typed ones
            jws.sign(signer(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HS256 token whose MAC key is the (public) JSON of {@code key}: the RSA/HMAC confusion attack. */
    String signHs256WithPublicKeyBytes(JWK key) {
        try {
            JWSHeader h = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).type(typ).build();
            JWSObject jws = new JWSObject(h, new Payload(claims));
            byte[] secret = key.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            jws.sign(new MACSigner(secret));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims, unsigned ({@code alg: none}). */
    String unsecured() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}").toString();
        return header + "." + Base64URL.encode(JSONObjectUtils.toJSONString(claims)) + ".";
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof ECKey ec) return new ECDSASigner(ec);
        if (key instanceof RSAKey rsa) return new RSASSASigner(rsa);
        if (key instanceof OctetKeyPair okp) return new Ed25519Signer(okp);
        throw new IllegalArgumentException("no signer for " + key.getKeyType());
    }
}
