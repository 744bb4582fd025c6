package dev.tessera.spec.badinput;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/** Truncated, garbage and forged JWTs, for bearer tokens, client assertions and tokens to introspect or revoke. */
final class BadJwts {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private BadJwts() {}

    static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String truncated(String jwt) {
        return jwt.substring(0, jwt.length() - 17);
    }

    /** The header and payload without the signature. */
    static String unsigned(String jwt) {
        return jwt.substring(0, jwt.lastIndexOf('.') + 1);
    }

    /** The token's payload under an {@code alg: none} header. */
    static String algNone(String jwt) {
        String[] parts = jwt.split("\\.");
        return b64url("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." + parts[1] + ".";
    }

    /** The token's header and signature with a payload whose {@code exp} lies far in the future. */
    static String payloadSwapped(String jwt, String payloadJson) {
        String[] parts = jwt.split("\\.");
        return parts[0] + "." + b64url(payloadJson) + "." + parts[2];
    }

    static String headerNotBase64() {
        return "!!!$$$.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    }

    static String headerNotJson() {
        return b64url("hello, world") + "." + b64url("{\"sub\":\"x\"}") + ".c2lnbmF0dXJl";
    }

    static String headerJsonArray() {
        return b64url("[\"ES256\"]") + "." + b64url("{\"sub\":\"x\"}") + ".c2lnbmF0dXJl";
    }

    /** A header of deeply nested arrays: parsers that recurse per level must not overflow into a 5xx. */
    static String deeplyNestedHeader(int depth) {
        return b64url("{\"alg\":\"ES256\",\"x\":" + "[".repeat(depth) + "]".repeat(depth) + "}") + "."
                + b64url("{\"sub\":\"x\"}") + ".c2lnbmF0dXJl";
    }

    static String fiveGarbageParts() {
        return "eyJhbGciOiJSU0EtT0FFUCJ9.AAAA.BBBB.CCCC.DDDD";
    }

    static String onlyDots() {
        return "..";
    }

    /** A JWT far longer than any access token, below the form size limit. */
    static String huge() {
        return b64url("{\"alg\":\"ES256\"}") + "." + "A".repeat(40_000) + ".c2ln";
    }

    /** Claims of a client assertion for {@code clientId} towards {@code audience}. */
    static JWTClaimsSet assertionClaims(String clientId, String audience) {
        Date now = new Date();
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                .jwtID(UUID.randomUUID().toString()).issueTime(now).expirationTime(new Date(now.getTime() + 120_000))
                .build();
    }

    static String signed(ECKey key, JWTClaimsSet claims, JOSEObjectType type) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(type).build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by a key nobody registered, under the registered key's id. */
    static String signedByStranger(String kid, JWTClaimsSet claims, JOSEObjectType type) {
        try {
            return signed(new ECKeyGenerator(Curve.P_256).keyID(kid).generate(), claims, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 with a guessable secret: algorithm confusion must not verify. */
    static String hmac(JWTClaimsSet claims, JOSEObjectType type) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(type).build(), claims);
            jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String plain(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** Properly signed, but with a critical header parameter nobody understands (RFC 7515 §4.1.11). */
    static String unknownCritical(ECKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .criticalParams(Set.of("urn:example:unknown")).customParam("urn:example:unknown", true).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
