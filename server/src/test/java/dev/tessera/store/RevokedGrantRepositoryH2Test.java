package dev.tessera.store;

class RevokedGrantRepositoryH2Test extends RevokedGrantRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
