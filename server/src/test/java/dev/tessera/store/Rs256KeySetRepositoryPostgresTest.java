package dev.tessera.store;

import org.junit.jupiter.api.Tag;

/** {@link KeySetRepositoryContract} for the RS256 chain (table rs256_signing_keys, CONTRACT §2). */
@Tag("postgres")
class Rs256KeySetRepositoryPostgresTest extends KeySetRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }

    @Override
    protected dev.tessera.keys.KeySetRepository repository(Jdbc jdbc) { return JdbcKeySetRepository.rs256(jdbc); }
}
