package dev.tessera.token;

import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import java.time.Instant;
import java.util.List;

/**
 * What an access token says, whatever its format: the RFC 9068 claims, the grant that issued it, its
 * confirmation ({@code cnf}: a JWK or certificate thumbprint as JSON, or null for a bearer token)
 * and the claims customizers added. Spec: RFC 9068 §2.2; RFC 7800 (cnf).
 */
public record TokenClaims(String jti, ClientId clientId, String subject, Scope scope, List<String> audience,
                          String grantType, Instant issuedAt, Instant expiresAt, String cnf, CustomClaims custom) {
    public TokenClaims {
        audience = List.copyOf(audience);
        if (custom == null) custom = CustomClaims.NONE;
    }

    /** Claims without custom claims. */
    public TokenClaims(String jti, ClientId clientId, String subject, Scope scope, List<String> audience,
                       String grantType, Instant issuedAt, Instant expiresAt, String cnf) {
        this(jti, clientId, subject, scope, audience, grantType, issuedAt, expiresAt, cnf, CustomClaims.NONE);
    }

    /** The same claims, expiring at {@code at} (a shorter-lived form of the same token). */
    public TokenClaims expiringAt(Instant at) {
        return new TokenClaims(jti, clientId, subject, scope, audience, grantType, issuedAt, at, cnf, custom);
    }
}
