package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.AccessTokenRecord;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.TokenHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link AccessTokenRepository}, on every database. */
abstract class AccessTokenRepositoryContract extends StoreContract {
    private static final Duration HOUR = Duration.ofHours(1);
    private AccessTokenRepository tokens;

    @BeforeAll
    void repositories() {
        tokens = new JdbcAccessTokenRepository(jdbc);
    }

    @Test
    @DisplayName("AccessTokenRepository: save then find returns every claim, the grant id and no revocation")
    void saveThenFind_roundTripsEveryField() {
        TenantId t = newTenant();
        AccessTokenRecord token = StoreData.token("h1", "grant-1", "a", T0, HOUR);
        tokens.save(t, token);
        assertThat(tokens.find(t, token.hash())).contains(token);
    }

    @Test
    @DisplayName("AccessTokenRepository: a token without grant, cnf, scope or audience round-trips")
    void bareToken_roundTrips() {
        TenantId t = newTenant();
        AccessTokenRecord token = StoreData.bareToken("h1", T0, HOUR);
        tokens.save(t, token);
        assertThat(tokens.find(t, token.hash())).contains(token);
    }

    @Test
    @DisplayName("AccessTokenRepository: a token saved already revoked keeps its revocation time")
    void savedRevoked_roundTrips() {
        TenantId t = newTenant();
        AccessTokenRecord live = StoreData.token("h1", "g", "a", T0, HOUR);
        AccessTokenRecord revoked = new AccessTokenRecord(live.hash(), live.claims(), "g", at(5));
        tokens.save(t, revoked);
        assertThat(tokens.find(t, revoked.hash())).contains(revoked);
    }

    @Test
    @DisplayName("AccessTokenRepository: find of an unknown hash is empty; hashes are case-sensitive")
    void findUnknown_isEmpty() {
        TenantId t = newTenant();
        tokens.save(t, StoreData.token("AbC", null, "a", T0, HOUR));
        assertThat(tokens.find(t, new TokenHash("nope"))).isEmpty();
        assertThat(tokens.find(t, new TokenHash("abc"))).isEmpty();
    }

    @Test
    @DisplayName("AccessTokenRepository: revoke returns true and records the time, then false and changes nothing")
    void revoke_trueOnceThenFalse() {
        TenantId t = newTenant();
        AccessTokenRecord token = StoreData.token("h1", "g", "a", T0, HOUR);
        tokens.save(t, token);

        assertThat(tokens.revoke(t, token.hash(), at(10))).isTrue();
        AccessTokenRecord revoked = new AccessTokenRecord(token.hash(), token.claims(), "g", at(10));
        assertThat(tokens.find(t, token.hash())).contains(revoked);

        assertThat(tokens.revoke(t, token.hash(), at(20))).isFalse();
        assertThat(tokens.find(t, token.hash())).contains(revoked);
    }

    @Test
    @DisplayName("AccessTokenRepository: revoke of an unknown token returns false and stores nothing")
    void revokeUnknown_returnsFalse() {
        TenantId t = newTenant();
        assertThat(tokens.revoke(t, new TokenHash("nope"), T0)).isFalse();
        assertThat(rows("access_tokens", t)).isZero();
    }

    @Test
    @DisplayName("AccessTokenRepository: revoke of an expired token still marks it (returns true)")
    void revokeExpired_marksIt() {
        TenantId t = newTenant();
        AccessTokenRecord token = StoreData.token("h1", null, "a", T0, Duration.ofSeconds(1));
        tokens.save(t, token);
        assertThat(tokens.revoke(t, token.hash(), at(3600))).isTrue();
        assertThat(tokens.find(t, token.hash()).orElseThrow().revokedAt()).isEqualTo(at(3600));
    }

    @Test
    @DisplayName("AccessTokenRepository: revokeGrant revokes the family's unrevoked tokens and counts them")
    void revokeGrant_revokesTheFamilyOnly() {
        TenantId t = newTenant();
        AccessTokenRecord g1a = StoreData.token("g1a", "g1", "a", T0, HOUR);
        AccessTokenRecord g1b = StoreData.token("g1b", "g1", "a", T0, HOUR);
        AccessTokenRecord g1old = new AccessTokenRecord(new TokenHash("g1old"), g1a.claims(), "g1", at(1));
        AccessTokenRecord g2 = StoreData.token("g2", "g2", "a", T0, HOUR);
        AccessTokenRecord none = StoreData.token("none", null, "a", T0, HOUR);
        Stream.of(g1a, g1b, g1old, g2, none).forEach(x -> tokens.save(t, x));

        assertThat(tokens.revokeGrant(t, "g1", at(30))).isEqualTo(2);

        assertThat(tokens.find(t, g1a.hash()).orElseThrow().revokedAt()).isEqualTo(at(30));
        assertThat(tokens.find(t, g1b.hash()).orElseThrow().revokedAt()).isEqualTo(at(30));
        assertThat(tokens.find(t, g1old.hash())).contains(g1old);
        assertThat(tokens.find(t, g2.hash())).contains(g2);
        assertThat(tokens.find(t, none.hash())).contains(none);
        assertThat(tokens.revokeGrant(t, "g1", at(40))).isZero();
        assertThat(tokens.revokeGrant(t, "unknown", at(40))).isZero();
    }

    @Test
    @DisplayName("AccessTokenRepository: purgeExpired deletes tokens expired before the cutoff, in every tenant")
    void purgeExpired_deletesExpiredTokensOnly() {
        try (Database own = openDatabase()) {
            AccessTokenRepository repo = new JdbcAccessTokenRepository(own.jdbc());
            TenantId a = newTenant();
            TenantId b = newTenant();
            Instant cutoff = at(3600);
            repo.save(a, expiringAt("a-old", cutoff.minusSeconds(60)));
            repo.save(a, expiringAt("a-just", cutoff.minusMillis(1)));
            repo.save(a, expiringAt("a-at", cutoff));
            repo.save(a, expiringAt("a-live", cutoff.plusSeconds(60)));
            repo.save(b, expiringAt("b-old", cutoff.minusSeconds(60)));
            repo.save(b, revoked(expiringAt("b-revoked-live", cutoff.plusSeconds(60))));

            assertThat(repo.purgeExpired(cutoff, 100)).isEqualTo(3);

            assertThat(hashes(own, a)).containsExactlyInAnyOrder("a-at", "a-live");
            assertThat(hashes(own, b)).containsExactly("b-revoked-live");
            assertThat(repo.purgeExpired(cutoff, 100)).isZero();
        }
    }

    @Test
    @DisplayName("AccessTokenRepository: purgeExpired deletes at most limit tokens per call")
    void purgeExpired_honoursLimit() {
        try (Database own = openDatabase()) {
            AccessTokenRepository repo = new JdbcAccessTokenRepository(own.jdbc());
            TenantId a = newTenant();
            TenantId b = newTenant();
            Instant cutoff = at(3600);
            // the same hash in two tenants: a purge must count and delete rows, not hash values
            for (String h : List.of("h1", "h2", "h3")) {
                repo.save(a, expiringAt(h, T0));
                repo.save(b, expiringAt(h, T0));
            }
            repo.save(a, expiringAt("live", cutoff.plusSeconds(1)));

            assertThat(repo.purgeExpired(cutoff, 4)).isEqualTo(4);
            assertThat(hashes(own, a).size() + hashes(own, b).size()).isEqualTo(3);
            assertThat(repo.purgeExpired(cutoff, 1)).isEqualTo(1);
            assertThat(repo.purgeExpired(cutoff, 1)).isEqualTo(1);
            assertThat(repo.purgeExpired(cutoff, 1)).isZero();
            assertThat(hashes(own, a)).containsExactly("live");
            assertThat(hashes(own, b)).isEmpty();
        }
    }

    private static AccessTokenRecord expiringAt(String hash, Instant expiresAt) {
        return StoreData.token(hash, null, "a", expiresAt.minusSeconds(300), Duration.ofSeconds(300));
    }

    private static AccessTokenRecord revoked(AccessTokenRecord t) {
        return new AccessTokenRecord(t.hash(), t.claims(), t.grantId(), t.claims().issuedAt());
    }

    private static List<String> hashes(Database db, TenantId t) {
        return db.jdbc().query("SELECT token_hash FROM access_tokens WHERE tenant_id = ?", rs -> rs.getString(1), t.value());
    }
}
