package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.revocation.RevokedGrantRepository;
import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link RevokedGrantRepository} (grant family revocation markers), on every database. */
abstract class RevokedGrantRepositoryContract extends StoreContract {
    private RevokedGrantRepository markers;

    @BeforeAll
    void repositories() {
        markers = new JdbcRevokedGrantRepository(jdbc);
    }

    @Test
    @DisplayName("RevokedGrantRepository: an unmarked family is not revoked")
    void unknownFamily_isNotRevoked() {
        assertThat(markers.isRevoked(newTenant(), "g1")).isFalse();
    }

    @Test
    @DisplayName("RevokedGrantRepository: markRevoked returns true, then exactly that family is revoked")
    void mark_thenIsRevoked() {
        TenantId t = newTenant();
        assertThat(markers.markRevoked(t, "g1", T0, at(86_400))).isTrue();
        assertThat(markers.isRevoked(t, "g1")).isTrue();
        assertThat(markers.isRevoked(t, "g2")).isFalse();
        assertThat(markers.isRevoked(t, "G1")).isFalse();
        assertThat(rows("revoked_grants", t)).isEqualTo(1);
    }

    @Test
    @DisplayName("RevokedGrantRepository: markRevoked returns false the second time and keeps the first marker")
    void markTwice_secondReturnsFalse() {
        try (Database own = openDatabase()) {
            RevokedGrantRepository repo = new JdbcRevokedGrantRepository(own.jdbc());
            TenantId t = newTenant();
            assertThat(repo.markRevoked(t, "g1", T0, at(3600))).isTrue();
            assertThat(repo.markRevoked(t, "g1", at(1), at(-3600))).isFalse();
            // the first marker's expiry still holds: a purge at an instant between the two keeps it
            assertThat(repo.purgeExpired(at(60), 100)).isZero();
            assertThat(repo.isRevoked(t, "g1")).isTrue();
        }
    }

    @Test
    @DisplayName("RevokedGrantRepository: purgeExpired forgets markers kept until before the cutoff, in every tenant")
    void purgeExpired_forgetsExpiredMarkersOnly() {
        try (Database own = openDatabase()) {
            RevokedGrantRepository repo = new JdbcRevokedGrantRepository(own.jdbc());
            TenantId a = newTenant();
            TenantId b = newTenant();
            Instant cutoff = at(3600);
            repo.markRevoked(a, "old", T0, cutoff.minusSeconds(60));
            repo.markRevoked(a, "just", T0, cutoff.minusMillis(1));
            repo.markRevoked(a, "at", T0, cutoff);
            repo.markRevoked(a, "live", T0, cutoff.plusSeconds(60));
            repo.markRevoked(b, "old", T0, cutoff.minusSeconds(60));

            assertThat(repo.purgeExpired(cutoff, 100)).isEqualTo(3);

            assertThat(List.of("old", "just", "at", "live")).filteredOn(g -> repo.isRevoked(a, g)).containsExactly("at", "live");
            assertThat(repo.isRevoked(b, "old")).isFalse();
            assertThat(repo.purgeExpired(cutoff, 100)).isZero();
        }
    }

    @Test
    @DisplayName("RevokedGrantRepository: purgeExpired forgets at most limit markers per call")
    void purgeExpired_honoursLimit() {
        try (Database own = openDatabase()) {
            RevokedGrantRepository repo = new JdbcRevokedGrantRepository(own.jdbc());
            TenantId a = newTenant();
            TenantId b = newTenant();
            for (String g : List.of("g1", "g2", "g3")) {
                repo.markRevoked(a, g, T0, T0);
                repo.markRevoked(b, g, T0, T0);
            }
            assertThat(repo.purgeExpired(at(1), 4)).isEqualTo(4);
            assertThat(repo.purgeExpired(at(1), 1)).isEqualTo(1);
            assertThat(repo.purgeExpired(at(1), 1)).isEqualTo(1);
            assertThat(repo.purgeExpired(at(1), 1)).isZero();
        }
    }
}
