package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class AtomicConsumptionPostgresTest extends AtomicConsumptionContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
