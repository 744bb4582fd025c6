package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class TenantRepositoryPostgresTest extends TenantRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
