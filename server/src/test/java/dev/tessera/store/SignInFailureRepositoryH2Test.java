package dev.tessera.store;

class SignInFailureRepositoryH2Test extends SignInFailureRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
