package dev.tessera.client;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHash;
import java.time.Instant;

/** One-time identifiers (assertion {@code jti}s, later DPoP proofs), consumed atomically. */
public interface ReplayCache {
    /**
     * Records {@code id} as used until {@code expiresAt}. Exactly one caller wins: returns true the
     * first time, false for every later use of the same id in the same tenant.
     */
    boolean consume(TenantId tenant, TokenHash id, Instant expiresAt);
}
