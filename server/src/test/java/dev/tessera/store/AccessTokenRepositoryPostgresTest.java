package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class AccessTokenRepositoryPostgresTest extends AccessTokenRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
