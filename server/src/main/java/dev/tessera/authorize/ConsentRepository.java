package dev.tessera.authorize;

import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.TenantId;
import dev.tessera.user.UserId;
import java.util.Optional;

/** Remembered consent: the scope a user granted a client. */
public interface ConsentRepository {
    Optional<Scope> find(TenantId tenant, UserId user, ClientId client);

    void grant(TenantId tenant, UserId user, ClientId client, Scope scope, java.time.Instant now);

    void revokeAll(TenantId tenant, UserId user);
}
