package dev.tessera.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tessera.keys.TenantKeys;
import dev.tessera.tenant.TenantId;
import java.util.Date;
import java.util.Map;

/** Builds and signs the RFC 9068 form of an access token. Spec: RFC 9068 §2.1–2.2. */
public final class JwtAccessTokens {
    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    /**
     * Marks the JWT form of an opaque token, which forward-auth hands to the APIs behind a gateway. Such a
     * JWT is for those APIs only: Tessera refuses it wherever a token is presented, so one that leaks (an
     * API log, a gateway cache) is no credential here, and revoking the opaque token is all it takes.
     */
    public static final String FORM_OF_OPAQUE = "tessera_phantom";

    private JwtAccessTokens() {}

    public static JWTClaimsSet claimsSet(String issuer, TenantId tenant, TokenClaims c) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(c.subject())
                .expirationTime(Date.from(c.expiresAt()))
                .issueTime(Date.from(c.issuedAt()))
                .jwtID(c.jti())
                .claim("client_id", c.clientId().value())
                .claim("tenant_id", tenant.value());
        if (c.audience().size() == 1) b.audience(c.audience().get(0));
        else b.audience(c.audience());
        if (!c.scope().isEmpty()) b.claim("scope", c.scope().toString());
        c.custom().values().forEach(b::claim);
        if (c.cnf() != null) {
            try {
                Map<String, Object> cnf = JSONObjectUtils.parse(c.cnf());
                b.claim("cnf", cnf);
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("stored cnf is not JSON", e);
            }
        }
        return b.build();
    }

    public static String sign(TenantKeys keys, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(keys.algorithm()).type(AT_JWT).keyID(keys.activeKid()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }
}
