package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class UserNameKeyPostgresTest extends UserNameKeyContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
