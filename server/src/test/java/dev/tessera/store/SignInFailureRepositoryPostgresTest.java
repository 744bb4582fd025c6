package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class SignInFailureRepositoryPostgresTest extends SignInFailureRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
