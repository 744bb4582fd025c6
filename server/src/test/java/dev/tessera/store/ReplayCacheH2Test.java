package dev.tessera.store;

class ReplayCacheH2Test extends ReplayCacheContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
