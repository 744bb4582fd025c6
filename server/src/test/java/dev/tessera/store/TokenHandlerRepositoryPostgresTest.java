package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class TokenHandlerRepositoryPostgresTest extends TokenHandlerRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
