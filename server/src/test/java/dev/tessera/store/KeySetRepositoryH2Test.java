package dev.tessera.store;

class KeySetRepositoryH2Test extends KeySetRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
