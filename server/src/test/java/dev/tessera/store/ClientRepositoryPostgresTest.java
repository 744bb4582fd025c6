package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class ClientRepositoryPostgresTest extends ClientRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
