package dev.tessera.token;

import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.user.Authentication;
import java.time.Instant;
import java.util.List;

/**
 * A refresh token as stored: keyed hash, its family (grant), the authentication it carries, its idle
 * expiry and the family's absolute expiry. Spec: RFC 6749 §6; RFC 9700 §4.14.
 */
public record RefreshTokenRecord(TokenHash hash, String grantId, ClientId clientId, Scope scope, List<String> resources,
                                 Authentication authentication, boolean offline, Lifetime lifetime) {
    public RefreshTokenRecord {
        resources = List.copyOf(resources);
    }

    /** Issue time, idle expiry, family expiry, consumption and revocation. */
    public record Lifetime(Instant issuedAt, Instant expiresAt, Instant familyExpiresAt, Instant consumedAt, Instant revokedAt) {}

    /** The subject (user id) the token was issued for. */
    public String subject() {
        return authentication.userId().value();
    }

    public boolean isUsableAt(Instant now) {
        return lifetime.revokedAt() == null && now.isBefore(lifetime.expiresAt()) && now.isBefore(lifetime.familyExpiresAt());
    }
}
