package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.client.ReplayCache;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHash;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link ReplayCache} (and the purge of its JDBC implementation), on every database. */
abstract class ReplayCacheContract extends StoreContract {
    private ReplayCache cache;

    @BeforeAll
    void repositories() {
        cache = new JdbcReplayCache(jdbc);
    }

    @Test
    @DisplayName("ReplayCache: consume returns true the first time, false for every later use")
    void consume_trueOnceThenFalse() {
        TenantId t = newTenant();
        TokenHash id = new TokenHash("jti-hash-1");
        assertThat(cache.consume(t, id, at(60))).isTrue();
        assertThat(cache.consume(t, id, at(60))).isFalse();
        assertThat(cache.consume(t, id, at(7200))).isFalse();
    }

    @Test
    @DisplayName("ReplayCache: distinct ids are independent; ids are case-sensitive")
    void distinctIds_areIndependent() {
        TenantId t = newTenant();
        assertThat(cache.consume(t, new TokenHash("abc"), at(60))).isTrue();
        assertThat(cache.consume(t, new TokenHash("ABC"), at(60))).isTrue();
        assertThat(cache.consume(t, new TokenHash("abd"), at(60))).isTrue();
        assertThat(rows("used_jtis", t)).isEqualTo(3);
    }

    @Test
    @DisplayName("ReplayCache: purgeExpired forgets ids expired before the cutoff, in every tenant, and counts them")
    void purgeExpired_forgetsExpiredIdsOnly() {
        try (Database own = openDatabase()) {
            JdbcReplayCache repo = new JdbcReplayCache(own.jdbc());
            TenantId a = newTenant();
            TenantId b = newTenant();
            repo.consume(a, new TokenHash("old"), T0.minusMillis(1));
            repo.consume(a, new TokenHash("at"), T0);
            repo.consume(a, new TokenHash("live"), at(60));
            repo.consume(b, new TokenHash("old"), T0.minusSeconds(60));

            assertThat(repo.purgeExpired(T0)).isEqualTo(2);

            assertThat(repo.consume(a, new TokenHash("old"), at(60))).isTrue();
            assertThat(repo.consume(b, new TokenHash("old"), at(60))).isTrue();
            assertThat(repo.consume(a, new TokenHash("at"), at(60))).isFalse();
            assertThat(repo.consume(a, new TokenHash("live"), at(60))).isFalse();
            assertThat(repo.purgeExpired(T0)).isZero();
        }
    }
}
