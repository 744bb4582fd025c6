package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.RevokedJwtRepository;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link RevokedJwtRepository}, on every database. */
abstract class RevokedJwtRepositoryContract extends StoreContract {
    private RevokedJwtRepository revoked;

    @BeforeAll
    void repositories() {
        revoked = new JdbcRevokedJwtRepository(jdbc);
    }

    @Test
    @DisplayName("RevokedJwtRepository: an unknown jti is not revoked")
    void unknownJti_isNotRevoked() {
        assertThat(revoked.isRevoked(newTenant(), "jti-1")).isFalse();
    }

    @Test
    @DisplayName("RevokedJwtRepository: revoke returns true, then the jti is revoked")
    void revoke_thenIsRevoked() {
        TenantId t = newTenant();
        assertThat(revoked.revoke(t, "jti-1", at(3600), T0)).isTrue();
        assertThat(revoked.isRevoked(t, "jti-1")).isTrue();
        assertThat(revoked.isRevoked(t, "jti-2")).isFalse();
        assertThat(revoked.isRevoked(t, "JTI-1")).isFalse();
    }

    @Test
    @DisplayName("RevokedJwtRepository: revoke returns false the second time and keeps the first entry")
    void revokeTwice_secondReturnsFalse() {
        try (Database own = openDatabase()) {
            RevokedJwtRepository repo = new JdbcRevokedJwtRepository(own.jdbc());
            TenantId t = newTenant();
            assertThat(repo.revoke(t, "jti-1", at(3600), T0)).isTrue();
            assertThat(repo.revoke(t, "jti-1", at(-3600), at(1))).isFalse();
            // the first entry's expiry still holds: a purge at an instant between the two keeps it
            assertThat(repo.purgeExpired(at(60), 100)).isZero();
            assertThat(repo.isRevoked(t, "jti-1")).isTrue();
        }
    }

    @Test
    @DisplayName("RevokedJwtRepository: purgeExpired forgets entries whose token expired before the cutoff, in every tenant")
    void purgeExpired_forgetsExpiredEntriesOnly() {
        try (Database own = openDatabase()) {
            RevokedJwtRepository repo = new JdbcRevokedJwtRepository(own.jdbc());
            TenantId a = newTenant();
            TenantId b = newTenant();
            Instant cutoff = at(3600);
            repo.revoke(a, "old", cutoff.minusSeconds(60), T0);
            repo.revoke(a, "just", cutoff.minusMillis(1), T0);
            repo.revoke(a, "at", cutoff, T0);
            repo.revoke(a, "live", cutoff.plusSeconds(60), T0);
            repo.revoke(b, "old", cutoff.minusSeconds(60), T0);

            assertThat(repo.purgeExpired(cutoff, 100)).isEqualTo(3);

            assertThat(List.of("old", "just", "at", "live")).filteredOn(j -> repo.isRevoked(a, j)).containsExactly("at", "live");
            assertThat(repo.isRevoked(b, "old")).isFalse();
            assertThat(repo.purgeExpired(cutoff, 100)).isZero();
        }
    }

    @Test
    @DisplayName("RevokedJwtRepository: purgeExpired forgets at most limit entries per call")
    void purgeExpired_honoursLimit() {
        try (Database own = openDatabase()) {
            RevokedJwtRepository repo = new JdbcRevokedJwtRepository(own.jdbc());
            TenantId a = newTenant();
            TenantId b = newTenant();
            for (String jti : List.of("j1", "j2", "j3")) {
                repo.revoke(a, jti, T0, T0);
                repo.revoke(b, jti, T0, T0);
            }
            assertThat(repo.purgeExpired(at(1), 4)).isEqualTo(4);
            assertThat(repo.purgeExpired(at(1), 1)).isEqualTo(1);
            assertThat(repo.purgeExpired(at(1), 1)).isEqualTo(1);
            assertThat(repo.purgeExpired(at(1), 1)).isZero();
        }
    }

    @Test
    @DisplayName("RevokedJwtRepository: a forgotten jti can be revoked again")
    void purgedJti_canBeRevokedAgain() {
        try (Database own = openDatabase()) {
            RevokedJwtRepository repo = new JdbcRevokedJwtRepository(own.jdbc());
            TenantId t = newTenant();
            repo.revoke(t, "jti-1", T0, T0);
            repo.purgeExpired(at(1), 10);
            assertThat(repo.revoke(t, "jti-1", at(3600), at(2))).isTrue();
            assertThat(repo.isRevoked(t, "jti-1")).isTrue();
        }
    }
}
