package dev.tessera.client;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientAuthenticationVerifier;
import com.nimbusds.oauth2.sdk.auth.verifier.ClientCredentialsSelector;
import com.nimbusds.oauth2.sdk.auth.verifier.Context;
import com.nimbusds.oauth2.sdk.auth.verifier.InvalidClientException;
import com.nimbusds.oauth2.sdk.auth.verifier.JWTAudienceCheck;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.tessera.outbound.RemoteJwkSets;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHasher;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * {@code private_key_jwt}: Nimbus verifies signature, {@code iss}/{@code sub}, {@code aud} and
 * expiry; Tessera then consumes the {@code jti} atomically so an assertion works once.
 * Spec: RFC 7523 §2.2 and §3; RFC 7521 §4.2; OIDC Core §9.
 */
final class PrivateKeyJwtAuthentication {
    /** Assertions valid for longer than this are refused, which bounds the replay cache. */
    static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(60);

    private final ReplayCache replayCache;
    private final TokenHasher hasher;
    private final Clock clock;
    private final RemoteJwkSets remoteSets;

    PrivateKeyJwtAuthentication(ReplayCache replayCache, TokenHasher hasher, RemoteJwkSets remoteSets, Clock clock) {
        this.replayCache = replayCache;
        this.remoteSets = remoteSets;
        this.hasher = hasher;
        this.clock = clock;
    }

    void verify(TenantId tenant, Client client, PresentedCredentials.Assertion presented, Set<String> audiences) {
        Set<Audience> expected = new java.util.HashSet<>();
        audiences.forEach(a -> expected.add(new Audience(a)));
        ClientAuthenticationVerifier<Client> verifier =
                new ClientAuthenticationVerifier<>(new Selector(), expected, JWTAudienceCheck.LEGACY);
        Context<Client> ctx = new Context<>();
        ctx.set(client);
        try {
            // the hint makes Nimbus ask again, with forceRefresh, when fetched keys match but do not verify
            verifier.verify(presented.jwt(), client.metadata().getJWKSetURI() == null ? null
                    : Set.of(com.nimbusds.oauth2.sdk.auth.verifier.Hint.CLIENT_HAS_REMOTE_JWK_SET), ctx);
        } catch (InvalidClientException e) {
            throw PresentedCredentials.fail("assertion rejected: " + e.getMessage());
        } catch (Exception e) {
            throw PresentedCredentials.fail("assertion verification failed: " + e.getClass().getSimpleName());
        }
        var claims = presented.jwt().getJWTAuthenticationClaimsSet();
        // Nimbus's audience check passes when any aud value is expected; one of ours, alone, is required
        // (RFC 7523 §3 item 3; a multi-valued aud lets the assertion be replayed at the foreign audience)
        Set<String> aud = new java.util.HashSet<>();
        if (claims.getAudience() != null) claims.getAudience().forEach(a -> aud.add(a.getValue()));
        if (aud.size() != 1 || !audiences.containsAll(aud)) {
            throw PresentedCredentials.fail("assertion aud must be the issuer or the endpoint URL alone");
        }
        Date exp = claims.getExpirationTime();
        Instant now = clock.instant();
        if (exp == null || exp.toInstant().isAfter(now.plus(MAX_ASSERTION_LIFETIME))) {
            throw PresentedCredentials.fail("assertion lifetime too long");
        }
        if (exp.toInstant().isBefore(now)) {
            throw PresentedCredentials.fail("assertion expired");
        }
        if (claims.getJWTID() == null) {
            throw PresentedCredentials.fail("assertion without jti");
        }
        var id = hasher.hash("jti:" + client.clientId().value() + ":" + claims.getJWTID().getValue());
        if (!replayCache.consume(tenant, id, exp.toInstant())) {
            throw PresentedCredentials.fail("assertion jti replayed");
        }
    }

    private JWKSet remote(URI uri, boolean refresh) throws InvalidClientException {
        return remoteSets.keys(uri, refresh).orElseThrow(() -> new InvalidClientException("client keys unavailable"));
    }

    private final class Selector implements ClientCredentialsSelector<Client> {
        @Override
        public List<Secret> selectClientSecrets(ClientID id, ClientAuthenticationMethod m, Context<Client> c)
                throws InvalidClientException {
            throw new InvalidClientException("client secrets are not accepted here");
        }

        @Override
        public List<? extends PublicKey> selectPublicKeys(ClientID id, ClientAuthenticationMethod m, JWSHeader header,
                                                          boolean forceRefresh, Context<Client> c)
                throws InvalidClientException {
            Client client = c.get();
            JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
            if (matcher == null) throw new InvalidClientException("unsupported JWS algorithm");
            List<JWK> candidates;
            try {
                JWKSet set = client.metadata().getJWKSet();
                URI uri = client.metadata().getJWKSetURI();
                if (set != null) {
                    candidates = new JWKSelector(matcher).select(set);
                } else if (uri != null) {
                    // fetched under the outbound policy (public https only, 2 s, 64 KiB, no redirects); any
                    // failure is the same invalid_client, never a 5xx
                    candidates = new JWKSelector(matcher).select(remote(uri, forceRefresh));
                    if (candidates.isEmpty() && !forceRefresh) {
                        candidates = new JWKSelector(matcher).select(remote(uri, true));   // unknown kid: the client rotated?
                    }
                } else {
                    throw new InvalidClientException("client has no registered keys");
                }
            } catch (InvalidClientException e) {
                throw e;
            } catch (Exception e) {
                throw new InvalidClientException("client keys unavailable");
            }
            List<PublicKey> keys = new ArrayList<>();
            for (JWK jwk : candidates) {
                try {
                    if (jwk instanceof com.nimbusds.jose.jwk.AsymmetricJWK a) keys.add(a.toPublicKey());
                } catch (Exception ignored) {
                    // skip unusable key
                }
            }
            return keys;
        }
    }
}
