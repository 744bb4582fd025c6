package dev.tessera.store;

class AtomicConsumptionH2Test extends AtomicConsumptionContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
