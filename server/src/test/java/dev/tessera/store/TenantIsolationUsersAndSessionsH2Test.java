package dev.tessera.store;

class TenantIsolationUsersAndSessionsH2Test extends TenantIsolationUsersAndSessionsContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
