package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class ReplayCachePostgresTest extends ReplayCacheContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
