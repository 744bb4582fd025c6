package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class TenantIsolationUsersAndSessionsPostgresTest extends TenantIsolationUsersAndSessionsContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
