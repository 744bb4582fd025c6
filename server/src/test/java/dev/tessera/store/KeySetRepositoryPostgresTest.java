package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class KeySetRepositoryPostgresTest extends KeySetRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
