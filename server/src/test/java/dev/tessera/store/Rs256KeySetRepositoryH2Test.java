package dev.tessera.store;

/** {@link KeySetRepositoryContract} for the RS256 chain (table rs256_signing_keys, CONTRACT §2). */
class Rs256KeySetRepositoryH2Test extends KeySetRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }

    @Override
    protected dev.tessera.keys.KeySetRepository repository(Jdbc jdbc) { return JdbcKeySetRepository.rs256(jdbc); }
}
