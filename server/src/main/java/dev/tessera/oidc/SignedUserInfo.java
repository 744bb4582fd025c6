package dev.tessera.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.keys.TenantKeys;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * The UserInfo response as a signed JWT, for clients that registered {@code userinfo_signed_response_alg}:
 * the claims plus {@code iss} (the issuer) and {@code aud} (the client), served as {@code application/jwt}.
 * Spec: OIDC Core §5.3.2; OIDC Registration §2.
 */
public final class SignedUserInfo {
    public static final String MEDIA_TYPE = "application/jwt";

    private SignedUserInfo() {}

    public static String sign(TenantKeys.Signer signer, String issuer, String clientId, Map<String, Object> claims,
                              Instant now) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
        claims.forEach(b::claim);
        b.issuer(issuer).audience(clientId).issueTime(Date.from(now));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(signer.algorithm()).type(JOSEObjectType.JWT)
                .keyID(signer.kid()).build(), b.build());
        try {
            jwt.sign(signer.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("userinfo signing failed", e);
        }
        return jwt.serialize();
    }
}
