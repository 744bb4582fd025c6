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

    /**
     * Replaces the stored client (its registration token hash included) only if the stored registration
     * token hash is still {@code expectedTokenHash}: one conditional statement, so of concurrent callers
     * presenting the same token at most one returns true. Spec: RFC 7592 §2.2, §3.
     */
    boolean updateIfRegistrationToken(TenantId tenant, Client client, String expectedTokenHash);

    /**
     * Swaps the registration token hash from {@code expectedTokenHash} to {@code newTokenHash}, touching
     * nothing else: one conditional statement, so of concurrent callers presenting the same token at most
     * one returns true. Spec: RFC 7592 §3.
     */
    boolean rotateRegistrationToken(TenantId tenant, ClientId clientId, String expectedTokenHash, String newTokenHash);

    boolean delete(TenantId tenant, ClientId clientId);

    long count(TenantId tenant);
}
