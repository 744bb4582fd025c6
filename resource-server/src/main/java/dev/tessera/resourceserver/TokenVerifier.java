package dev.tessera.resourceserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies RFC 9068 JWT access tokens of a fixed set of issuers, each with its own JWKS cache and its
 * own Nimbus processor, so a key of one issuer never verifies a token of another.
 * Spec: RFC 9068 §4; RFC 8725 §3.1 (algorithm allow-list), §3.11 (explicit typing).
 */
final class TokenVerifier {
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    static final JOSEObjectType APPLICATION_AT_JWT = new JOSEObjectType("application/at+jwt");
    /** RFC 9068 §2.2 (iss, exp, aud, sub, client_id, iat, jti) and Tessera's tenant_id (CONTRACT §7). */
    static final Set<String> REQUIRED_CLAIMS = Set.of(JWTClaimNames.ISSUER, JWTClaimNames.EXPIRATION_TIME,
            JWTClaimNames.AUDIENCE, JWTClaimNames.SUBJECT, "client_id", JWTClaimNames.ISSUED_AT, JWTClaimNames.JWT_ID,
            "tenant_id");
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    /** How each issuer's JWKS is fetched and cached. */
    record JwksPolicy(Duration cacheTtl, Duration minRefreshInterval, Duration httpTimeout) {}

    private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new HashMap<>();
    private final Clock clock;
    private final Duration leeway;

    TokenVerifier(List<TrustedIssuer> issuers, Set<String> audiences, Set<JWSAlgorithm> algorithms, Duration leeway,
                  Clock clock, JwksPolicy jwks) {
        this.clock = clock;
        this.leeway = leeway;
        for (TrustedIssuer issuer : issuers) {
            processors.put(issuer.issuer(), processor(issuer, audiences, algorithms, jwks));
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(TrustedIssuer issuer, Set<String> audiences,
                                                           Set<JWSAlgorithm> algorithms, JwksPolicy jwks) {
        int timeout = (int) jwks.httpTimeout().toMillis();
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(issuer.jwksUri().toURL(),
                            new DefaultResourceRetriever(timeout, timeout, 256 * 1024))
                    .cache(jwks.cacheTtl().toMillis(), 2L * timeout + 1000)
                    .refreshAheadCache(false)
                    .rateLimited(jwks.minRefreshInterval().toMillis()) // unknown kids: at most 2 fetches per interval
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad JWKS URI: " + issuer.jwksUri(), e);
        }
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AT_JWT, APPLICATION_AT_JWT)); // RFC 9068 §4 step 1
        p.setJWSKeySelector(new Ed25519Support.KeySelector(algorithms, keys));
        p.setJWSVerifierFactory(new Ed25519Support.VerifierFactory());
        JWTClaimsSet exact = new JWTClaimsSet.Builder().issuer(issuer.issuer()).claim("tenant_id", issuer.tenant()).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audiences, exact, REQUIRED_CLAIMS, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew((int) leeway.toSeconds());
        p.setJWTClaimsSetVerifier(claims);
        return p;
    }

    AccessToken verify(String token) throws InvalidTokenException {
        if (token.length() > MAX_TOKEN_LENGTH) throw new InvalidTokenException("token longer than " + MAX_TOKEN_LENGTH);
        SignedJWT jwt;
        String issuer;
        try {
            jwt = SignedJWT.parse(token);
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new InvalidTokenException("not a signed JWT: " + e.getMessage());
        }
        DefaultJWTProcessor<SecurityContext> processor = issuer == null ? null : processors.get(issuer);
        if (processor == null) throw new InvalidTokenException("untrusted issuer");
        JWTClaimsSet c;
        try {
            c = processor.process(jwt, null);
        } catch (BadJOSEException e) {
            if (e instanceof BadJWTException && "Expired JWT".equals(e.getMessage())) {
                throw new InvalidTokenException("The access token expired", "expired");
            }
            throw new InvalidTokenException(e.getMessage());
        } catch (JOSEException | RuntimeException e) {
            // includes the JWKS being unreachable and the rate limit on refreshes: fail closed
            throw new InvalidTokenException("verification failed: " + e);
        }
        return accessToken(c);
    }

    /** RFC 9068 §2.2: the claims' types, and what this library cannot check must not be there. */
    private AccessToken accessToken(JWTClaimsSet c) throws InvalidTokenException {
        if (c.getClaim("cnf") != null) {
            // RFC 9449 §7.1, RFC 8705 §3: a sender-constrained token is no bearer token, and this library
            // cannot check the proof of possession
            throw new InvalidTokenException("sender-constrained token (cnf) presented as a bearer token");
        }
        if (c.getIssueTime().toInstant().isAfter(clock.instant().plus(leeway))) {
            throw new InvalidTokenException("issued in the future");
        }
        try {
            String subject = c.getStringClaim(JWTClaimNames.SUBJECT);
            String clientId = c.getStringClaim("client_id");
            if (subject.isBlank() || clientId.isBlank() || c.getStringClaim(JWTClaimNames.JWT_ID).isBlank()) {
                throw new InvalidTokenException("blank sub, client_id or jti");
            }
            return new AccessToken(c.getStringClaim("tenant_id"), subject, clientId,
                    AccessToken.parseScope(c.getStringClaim("scope")), c);
        } catch (ParseException e) {
            throw new InvalidTokenException("claim of the wrong type: " + e.getMessage());
        }
    }
}
