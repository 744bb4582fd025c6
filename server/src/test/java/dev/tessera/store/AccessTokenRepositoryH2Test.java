package dev.tessera.store;

class AccessTokenRepositoryH2Test extends AccessTokenRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
