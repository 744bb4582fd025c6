package dev.tessera.resourceserver;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A verified RFC 9068 access token: who it speaks for ({@code sub}), which client holds it
 * ({@code client_id}), its tenant ({@code tenant_id}) and scopes, plus every claim it carries.
 * Spec: RFC 9068 §2.2.
 */
public record AccessToken(String tenant, String subject, String clientId, Set<String> scopes, JWTClaimsSet claims) {
    public AccessToken {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(claims, "claims");
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    }

    /** Splits a {@code scope} claim (space-separated, RFC 8693 §4.2); null means none. */
    static Set<String> parseScope(String scope) {
        Set<String> out = new LinkedHashSet<>();
        if (scope != null) {
            for (String s : scope.split(" ")) {
                if (!s.isEmpty()) out.add(s);
            }
        }
        return out;
    }

    public String issuer() {
        return claims.getIssuer();
    }

    public String jwtId() {
        return claims.getJWTID();
    }

    public List<String> audience() {
        return claims.getAudience();
    }

    public Instant issuedAt() {
        return claims.getIssueTime().toInstant();
    }

    public Instant expiresAt() {
        return claims.getExpirationTime().toInstant();
    }

    /** The {@code scope} claim as issued (space-separated). */
    public String scope() {
        return String.join(" ", scopes);
    }

    public boolean hasScopes(Set<String> required) {
        return scopes.containsAll(required);
    }
}
