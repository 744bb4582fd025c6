package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.client.Client;
import dev.tessera.client.ClientRepository;
import dev.tessera.client.ReplayCache;
import dev.tessera.keys.KeySetRepository;
import dev.tessera.keys.KeyState;
import dev.tessera.keys.SigningKey;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.RevokedJwtRepository;
import dev.tessera.token.TokenHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One-time values are consumed atomically: {@value #THREADS} threads released together by a start gate
 * race on the same value, and exactly one wins, on every database. Each race repeats for
 * {@value #ROUNDS} fresh values to give the databases many chances to get it wrong.
 */
abstract class AtomicConsumptionContract extends StoreContract {
    static final int THREADS = 16;
    static final int ROUNDS = 10;

    @Test
    @DisplayName("ReplayCache.consume: of racing consumers of one id, exactly one wins")
    void replayCache_exactlyOneWinner() throws Exception {
        ReplayCache cache = new JdbcReplayCache(jdbc);
        TenantId t = newTenant();
        for (int round = 0; round < ROUNDS; round++) {
            TokenHash id = new TokenHash("jti-" + round);
            assertThat(race(i -> cache.consume(t, id, at(60)))).as("winners of round " + round).isEqualTo(1);
        }
        assertThat(rows("used_jtis", t)).isEqualTo(ROUNDS);
    }

    @Test
    @DisplayName("RevokedJwtRepository.revoke: of racing revocations of one jti, exactly one returns true")
    void revokedJwt_exactlyOneWinner() throws Exception {
        RevokedJwtRepository revoked = new JdbcRevokedJwtRepository(jdbc);
        TenantId t = newTenant();
        for (int round = 0; round < ROUNDS; round++) {
            String jti = "jwt-" + round;
            assertThat(race(i -> revoked.revoke(t, jti, at(3600), at(i)))).as("winners of round " + round).isEqualTo(1);
            assertThat(revoked.isRevoked(t, jti)).isTrue();
        }
        assertThat(rows("revoked_jwts", t)).isEqualTo(ROUNDS);
    }

    @Test
    @DisplayName("AccessTokenRepository.revoke: of racing revocations of one token, exactly one wins and its time stays")
    void accessToken_exactlyOneWinner() throws Exception {
        AccessTokenRepository tokens = new JdbcAccessTokenRepository(jdbc);
        TenantId t = newTenant();
        for (int round = 0; round < ROUNDS; round++) {
            TokenHash hash = new TokenHash("token-" + round);
            tokens.save(t, StoreData.token(hash.value(), "g", "a", T0, Duration.ofHours(1)));
            List<Integer> winners = new ArrayList<>();
            int wins = race(i -> {
                boolean won = tokens.revoke(t, hash, at(100 + i));
                if (won) {
                    synchronized (winners) {
                        winners.add(i);
                    }
                }
                return won;
            });
            assertThat(wins).as("winners of round " + round).isEqualTo(1);
            assertThat(tokens.find(t, hash).orElseThrow().revokedAt()).isEqualTo(at(100 + winners.get(0)));
        }
    }

    @Test
    @DisplayName("ClientRepository.rotateRegistrationToken: of racing rotations from one token hash, exactly one wins")
    void registrationToken_exactlyOneWinner() throws Exception {
        ClientRepository clients = new JdbcClientRepository(jdbc);
        TenantId t = newTenant();
        for (int round = 0; round < ROUNDS; round++) {
            Client c = StoreData.confidentialClient("svc-" + round, "a", T0);
            clients.insert(t, c);
            List<Integer> winners = new ArrayList<>();
            int wins = race(i -> {
                boolean won = i % 2 == 0
                        ? clients.rotateRegistrationToken(t, c.clientId(), "rat-hash-a", "rat-hash-new-" + i)
                        : clients.updateIfRegistrationToken(t, new Client(c.clientId(), c.secretHash(), "rat-hash-new-" + i,
                                c.metadata(), c.createdAt(), at(i)), "rat-hash-a");
                if (won) {
                    synchronized (winners) {
                        winners.add(i);
                    }
                }
                return won;
            });
            assertThat(wins).as("winners of round " + round).isEqualTo(1);
            assertThat(clients.find(t, c.clientId()).orElseThrow().registrationTokenHash())
                    .isEqualTo("rat-hash-new-" + winners.get(0));
        }
    }

    @Test
    @DisplayName("KeySetRepository.rotate: of racing rotations of one active key, exactly one wins")
    void rotation_exactlyOneWinner() throws Exception {
        KeySetRepository keys = new JdbcKeySetRepository(jdbc);
        for (int round = 0; round < ROUNDS; round++) {
            TenantId t = newTenant();
            keys.insert(t, StoreData.activeKey("k1", "a"));
            keys.insert(t, StoreData.nextKey("k2", "a"));

            int wins = race(i -> keys.rotate(t, "k1", at(7200), "k2", StoreData.key("new-" + i, KeyState.NEXT, "a", at(60)),
                    at(60)));

            assertThat(wins).as("winners of round " + round).isEqualTo(1);
            List<SigningKey> after = keys.list(t);
            assertThat(after).hasSize(3);
            assertThat(after).filteredOn(k -> k.state() == KeyState.ACTIVE).extracting(SigningKey::kid).containsExactly("k2");
            assertThat(after).filteredOn(k -> k.state() == KeyState.RETIRED).extracting(SigningKey::kid).containsExactly("k1");
            assertThat(after).filteredOn(k -> k.state() == KeyState.NEXT).hasSize(1);
        }
    }

    /**
     * Runs {@code attempt(i)} on {@value #THREADS} threads released at once; returns how many returned true.
     * An exception in any attempt fails the test: losing must be a false, never an error.
     */
    private static int race(IntPredicate attempt) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return attempt.test(n);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads at the gate").isTrue();
            start.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                try {
                    if (f.get(60, TimeUnit.SECONDS)) wins++;
                } catch (ExecutionException e) {
                    throw new AssertionError("a racing call failed instead of losing", e.getCause());
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a racing call did not finish", e);
                }
            }
            return wins;
        } finally {
            pool.shutdownNow();
        }
    }
}
