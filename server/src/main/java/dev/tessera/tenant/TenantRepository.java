package dev.tessera.tenant;

import java.util.Optional;

/** Storage of tenants. */
public interface TenantRepository {
    Optional<Tenant> find(TenantId tenant);

    /** Inserts the tenant; returns false if it already exists. */
    boolean insert(Tenant tenant);

    /** Updates the tenant's settings; returns false if it does not exist. */
    boolean update(Tenant tenant);

    /** Deletes the tenant and everything it owns; returns false if it did not exist. */
    boolean delete(TenantId tenant);

    long count();
}
