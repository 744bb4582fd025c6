package dev.tessera.store;

class AuditRepositoryH2Test extends AuditRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
