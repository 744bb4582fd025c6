package dev.tessera.grant;

import dev.tessera.store.Database;
import dev.tessera.store.StoreFixture;

class Rfc6749Section4_1_2CodeReplayRaceH2Test extends Rfc6749Section4_1_2CodeReplayRaceContract {
    @Override
    protected Database openDatabase() { return StoreFixture.h2(); }
}
