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

/** Mints ID tokens signed with the tenant key. Spec: OIDC Core §2, §3.1.3.6 (at_hash), §3.1.3.7. */
public final class IdTokenIssuer {
    private final KeyService keys;
    private final IssuerUrls issuers;
    private final Clock clock;

    public IdTokenIssuer(KeyService keys, IssuerUrls issuers, Clock clock) {
        this.keys = keys;
        this.issuers = issuers;
        this.clock = clock;
    }

    public String issue(TenantId tenant, TenantSettings settings, ClientId client, Authentication authn, String nonce,
                        String accessToken) {
        Instant now = clock.instant();
        TenantKeys tk = keys.keys(tenant);
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
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(tk.algorithm()).keyID(tk.activeKid()).build(), c.toJWTClaimsSet());
            jwt.sign(tk.signer());
            return jwt.serialize();
        } catch (JOSEException | com.nimbusds.oauth2.sdk.ParseException e) {
            throw new IllegalStateException("ID token signing failed", e);
        }
    }
}
