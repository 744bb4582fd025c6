package dev.tessera.store;

class ClientRepositoryH2Test extends ClientRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
