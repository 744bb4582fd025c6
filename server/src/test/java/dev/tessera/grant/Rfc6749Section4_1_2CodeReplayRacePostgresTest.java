package dev.tessera.grant;

import dev.tessera.store.Database;
import dev.tessera.store.StoreFixture;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class Rfc6749Section4_1_2CodeReplayRacePostgresTest extends Rfc6749Section4_1_2CodeReplayRaceContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
