package dev.tessera.store;

class TenantRepositoryH2Test extends TenantRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
