package dev.tessera.authorize;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHash;
import java.time.Instant;
import java.util.Optional;

/** Storage of authorization codes; a code is consumed atomically, exactly once. */
public interface AuthorizationCodeRepository {
    void save(TenantId tenant, AuthorizationCode code);

    Optional<AuthorizationCode> find(TenantId tenant, TokenHash hash);

    /** Marks the code consumed; true for exactly one caller, false if it was already consumed. */
    boolean consume(TenantId tenant, TokenHash hash, Instant now);

    int purgeExpired(Instant cutoff);
}
