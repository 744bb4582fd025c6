package dev.tessera.client;

import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import java.util.Optional;

/** Storage of clients. */
public interface ClientRepository {
    Optional<Client> find(TenantId tenant, ClientId clientId);

    /** Inserts; returns false if the client id is taken in this tenant. */
    boolean insert(TenantId tenant, Client client);

    /** Replaces the stored client; returns false if it does not exist. */
    boolean update(TenantId tenant, Client client);

    boolean delete(TenantId tenant, ClientId clientId);

    long count(TenantId tenant);
}
