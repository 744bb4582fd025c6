package dev.tessera.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.AMR;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.SessionID;
import dev.tessera.keys.KeyService;
import dev.tessera.keys.TenantKeys;
import dev.tessera.protocol.ClientId;
import dev.tessera.user.Authentication;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Mints ID tokens, signed with the algorithm the client registered ({@code id_token_signed_response_alg},
 * default RS256: OIDC Registration §2, CONTRACT §2). Spec: OIDC Core §2, §3.1.3.6 (at_hash), §3.1.3.7.
 */
public final class IdTokenIssuer {
    private final KeyService keys;
    private final IssuerUrls issuers;
    private final Clock clock;

    public IdTokenIssuer(KeyService keys, IssuerUrls issuers, Clock clock) {
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
    }

    /** @param signedResponseAlg the client's {@code id_token_signed_response_alg}, or null for RS256 */
    public String issue(TenantId tenant, TenantSettings settings, ClientId client, String signedResponseAlg,
                        Authentication authn, String nonce, String accessToken) {
        Instant now = clock.instant();
        TenantKeys.Signer tk = keys.keys(tenant).signerFor(signedResponseAlg);
        IDTokenClaimsSet c = new IDTokenClaimsSet(new Issuer(issuers.issuer(tenant)), new Subject(authn.userId().value()),
                List.of(new Audience(client.value())), Date.from(now.plusSeconds(settings.tokens().accessTokenTtlSeconds())), Date.from(now));
        c.setAuthenticationTime(Date.from(authn.authTime()));
        if (nonce != null) c.setNonce(new Nonce(nonce));
        if (authn.acr() != null) c.setACR(new ACR(authn.acr()));
        if (authn.amr() != null) c.setAMR(List.of(new AMR(authn.amr())));
        if (authn.sid() != null) c.setSessionID(new SessionID(authn.sid()));
        c.setClaim("azp", client.value());
        if (accessToken != null) {
            Curve curve = tk.algorithm().equals(JWSAlgorithm.EdDSA) ? Curve.Ed25519 : null;
            c.setAccessTokenHash(AccessTokenHash.compute(new BearerAccessToken(accessToken), tk.algorithm(), curve));
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(tk.algorithm()).keyID(tk.kid()).build(), c.toJWTClaimsSet());
            jwt.sign(tk.signer());
            return jwt.serialize();
        } catch (JOSEException | com.nimbusds.oauth2.sdk.ParseException e) {
            throw new IllegalStateException("ID token signing failed", e);
        }
    }
}
