package dev.tessera.store;

class TenantIsolationH2Test extends TenantIsolationContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
