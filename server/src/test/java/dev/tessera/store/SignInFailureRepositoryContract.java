package dev.tessera.store;

import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.authorize.SignInFailureRepository;
import dev.tessera.tenant.TenantId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link SignInFailureRepository}, on every database. */
abstract class SignInFailureRepositoryContract extends StoreContract {
    private SignInFailureRepository failures;

    @BeforeAll
    void repositories() {
        failures = new JdbcSignInFailureRepository(jdbc);
    }

    @Test
    @DisplayName("SignInFailureRepository: recordFailure counts per key; clear forgets the key")
    void recordAndClear() {
        TenantId t = newTenant();
        assertThat(failures.recordFailure(t, "ip:203.0.113.1", at(0), at(0))).isEqualTo(1);
        assertThat(failures.recordFailure(t, "ip:203.0.113.1", at(1), at(61))).isEqualTo(2);
        assertThat(failures.get(t, "ip:203.0.113.1")).isEqualTo(new SignInFailureRepository.Failures(2, at(61)));
        failures.clear(t, "ip:203.0.113.1");
        assertThat(failures.get(t, "ip:203.0.113.1")).isNull();
    }

    @Test
    @DisplayName("SignInFailureRepository: purgeForgotten deletes counters whose wait ended before the cutoff, in every tenant, bounded")
    void purgeForgotten_deletesOnlyEndedWaits() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        failures.recordFailure(a, "ip:old", at(0), at(10));
        failures.recordFailure(b, "ip:old", at(0), at(20));
        failures.recordFailure(a, "p:x@old", at(0), at(30));
        failures.recordFailure(a, "ip:waiting", at(0), at(1000));
        assertThat(failures.purgeForgotten(at(100), 2)).isEqualTo(2);
        assertThat(failures.purgeForgotten(at(100), 2)).isEqualTo(1);
        assertThat(failures.purgeForgotten(at(100), 2)).isZero();
        assertThat(failures.get(a, "ip:old")).isNull();
        assertThat(failures.get(b, "ip:old")).isNull();
        assertThat(failures.get(a, "p:x@old")).isNull();
        assertThat(failures.get(a, "ip:waiting")).isNotNull();
    }
}
