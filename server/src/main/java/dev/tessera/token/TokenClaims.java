package dev.tessera.token;

import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import java.time.Instant;
import java.util.List;

/**
 * What an access token says, whatever its format: the RFC 9068 claims plus the grant that issued it.
 * Nine components because that is the claim set; {@code cnf} is a JWK/x5t thumbprint or null.
 * Spec: RFC 9068 §2.2; RFC 7800 (cnf).
 */
public record TokenClaims(String jti, ClientId clientId, String subject, Scope scope, List<String> audience,
                          String grantType, Instant issuedAt, Instant expiresAt, String cnf) {
    public TokenClaims {
        audience = List.copyOf(audience);
    }
}
