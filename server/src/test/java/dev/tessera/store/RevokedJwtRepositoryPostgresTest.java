package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class RevokedJwtRepositoryPostgresTest extends RevokedJwtRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
