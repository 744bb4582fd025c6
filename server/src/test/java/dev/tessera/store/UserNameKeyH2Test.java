package dev.tessera.store;

class UserNameKeyH2Test extends UserNameKeyContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
