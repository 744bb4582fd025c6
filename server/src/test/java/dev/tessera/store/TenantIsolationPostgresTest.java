package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class TenantIsolationPostgresTest extends TenantIsolationContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
