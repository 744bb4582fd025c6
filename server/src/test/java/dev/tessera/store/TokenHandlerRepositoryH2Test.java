package dev.tessera.store;

class TokenHandlerRepositoryH2Test extends TokenHandlerRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
