package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class RevokedGrantRepositoryPostgresTest extends RevokedGrantRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
