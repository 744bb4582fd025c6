package dev.tessera.store;

class RevokedJwtRepositoryH2Test extends RevokedJwtRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
