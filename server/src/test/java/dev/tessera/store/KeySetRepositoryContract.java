package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.keys.KeySetRepository;
import dev.tessera.keys.KeyState;
import dev.tessera.keys.SigningKey;
import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link KeySetRepository}, on every database and for both key chains. */
abstract class KeySetRepositoryContract extends StoreContract {
    /** The chain under test: the signingAlgorithm chain here; {@code Rs256KeySet…} subclasses test the RS256 chain. */
    protected KeySetRepository repository(Jdbc jdbc) {
        return new JdbcKeySetRepository(jdbc);
    }

    private static final Instant NOW = at(86_400);
    private static final Instant UNTIL = at(2 * 86_400);
    private KeySetRepository keys;

    @BeforeAll
    void repositories() {
        keys = repository(jdbc);
    }

    @Test
    @DisplayName("KeySetRepository: list of a tenant without keys is empty")
    void listUnknown_isEmpty() {
        assertThat(keys.list(newTenant())).isEmpty();
    }

    @Test
    @DisplayName("KeySetRepository: insert then list returns every field of every state, oldest first")
    void insertThenList_roundTripsEveryField() {
        TenantId t = newTenant();
        SigningKey retired = StoreData.retiredKey("k-retired", "a", UNTIL);
        SigningKey active = StoreData.activeKey("k-active", "a");
        SigningKey next = StoreData.nextKey("k-next", "a");
        keys.insert(t, next);
        keys.insert(t, retired);
        keys.insert(t, active);
        assertThat(keys.list(t)).containsExactly(retired, active, next);
    }

    @Test
    @DisplayName("KeySetRepository: keys created at the same instant list in kid order")
    void sameCreationTime_listsByKid() {
        TenantId t = newTenant();
        SigningKey b = StoreData.key("kid-b", KeyState.NEXT, "a", T0);
        SigningKey a = StoreData.key("kid-a", KeyState.ACTIVE, "a", T0);
        keys.insert(t, b);
        keys.insert(t, a);
        assertThat(keys.list(t)).containsExactly(a, b);
    }

    @Test
    @DisplayName("KeySetRepository: rotate retires the active key, activates NEXT and inserts the new NEXT")
    void rotate_retiresActivatesAndInserts() {
        TenantId t = newTenant();
        SigningKey active = StoreData.activeKey("k1", "a");
        SigningKey next = StoreData.nextKey("k2", "a");
        keys.insert(t, active);
        keys.insert(t, next);
        SigningKey newNext = StoreData.key("k3", KeyState.NEXT, "a", NOW);

        assertThat(keys.rotate(t, "k1", UNTIL, "k2", newNext, NOW)).isTrue();

        assertThat(keys.list(t)).containsExactly(
                active.withState(KeyState.RETIRED, active.activatedAt(), NOW, UNTIL),
                next.withState(KeyState.ACTIVE, NOW, null, null),
                newNext);
    }

    @Test
    @DisplayName("KeySetRepository: rotate retires every other NEXT key (e.g. of a previous algorithm)")
    void rotate_retiresOtherNextKeys() {
        TenantId t = newTenant();
        SigningKey active = StoreData.activeKey("k1", "a");
        SigningKey next = StoreData.nextKey("k2", "a");
        SigningKey otherNext = StoreData.key("k2-rs", KeyState.NEXT, "a", T0.plusSeconds(2));
        keys.insert(t, active);
        keys.insert(t, next);
        keys.insert(t, otherNext);
        SigningKey newNext = StoreData.key("k3", KeyState.NEXT, "a", NOW);

        assertThat(keys.rotate(t, "k1", UNTIL, "k2", newNext, NOW)).isTrue();

        assertThat(keys.list(t)).containsExactly(
                active.withState(KeyState.RETIRED, active.activatedAt(), NOW, UNTIL),
                next.withState(KeyState.ACTIVE, NOW, null, null),
                otherNext.withState(KeyState.RETIRED, null, NOW, UNTIL),
                newNext);
    }

    @Test
    @DisplayName("KeySetRepository: rotate with a retire kid that is NEXT returns false and changes nothing")
    void rotate_retireKidIsNext_changesNothing() {
        assertRotationRefused("k2", "k2");
    }

    @Test
    @DisplayName("KeySetRepository: rotate with a retire kid that is RETIRED returns false and changes nothing")
    void rotate_retireKidIsRetired_changesNothing() {
        assertRotationRefused("k0", "k2");
    }

    @Test
    @DisplayName("KeySetRepository: rotate with an unknown retire kid returns false and changes nothing")
    void rotate_retireKidUnknown_changesNothing() {
        assertRotationRefused("nope", "k2");
    }

    @Test
    @DisplayName("KeySetRepository: rotate is atomic: an activate kid that is not NEXT undoes the retirement")
    void rotate_activateKidNotNext_changesNothing() {
        assertRotationRefused("k1", "k0");
        assertRotationRefused("k1", "nope");
    }

    @Test
    @DisplayName("KeySetRepository: a second rotate with the same (now retired) kid returns false")
    void rotate_twiceWithSameKid_secondReturnsFalse() {
        TenantId t = newTenant();
        keys.insert(t, StoreData.activeKey("k1", "a"));
        keys.insert(t, StoreData.nextKey("k2", "a"));
        assertThat(keys.rotate(t, "k1", UNTIL, "k2", StoreData.key("k3", KeyState.NEXT, "a", NOW), NOW)).isTrue();
        List<SigningKey> after = keys.list(t);

        assertThat(keys.rotate(t, "k1", UNTIL, "k3", StoreData.key("k4", KeyState.NEXT, "a", NOW), NOW)).isFalse();
        assertThat(keys.list(t)).isEqualTo(after);
    }

    @Test
    @DisplayName("KeySetRepository: purgeRetired removes retired keys whose publication ended, nothing else")
    void purgeRetired_removesOnlyEndedRetiredKeys() {
        TenantId t = newTenant();
        SigningKey ended = StoreData.retiredKey("ended", "a", NOW.minusMillis(1));
        SigningKey endsNow = StoreData.retiredKey("ends-now", "a", NOW);
        SigningKey published = StoreData.retiredKey("published", "a", NOW.plusSeconds(1));
        SigningKey active = StoreData.activeKey("active", "a");
        SigningKey next = StoreData.nextKey("next", "a");
        for (SigningKey k : List.of(ended, endsNow, published, active, next)) keys.insert(t, k);

        assertThat(keys.purgeRetired(t, NOW)).isEqualTo(1);
        assertThat(keys.list(t)).extracting(SigningKey::kid).containsExactlyInAnyOrder("ends-now", "published", "active", "next");
        assertThat(keys.purgeRetired(t, NOW)).isZero();
    }

    @Test
    @DisplayName("KeySetRepository: dueForRotation lists tenants whose ACTIVE key was activated before the cutoff")
    void dueForRotation_listsTenantsWithOldActiveKeys() {
        try (Database own = openDatabase()) {
            KeySetRepository repo = repository(own.jdbc());
            TenantId old = newTenant();
            TenantId fresh = newTenant();
            TenantId exactlyAtCutoff = newTenant();
            TenantId retiredOnly = newTenant();
            repo.insert(old, activatedAt("k", NOW.minusSeconds(10)));
            repo.insert(old, StoreData.nextKey("n", "a"));
            repo.insert(fresh, activatedAt("k", NOW.plusSeconds(10)));
            repo.insert(exactlyAtCutoff, activatedAt("k", NOW));
            repo.insert(retiredOnly, StoreData.retiredKey("k", "a", UNTIL));   // activated long before NOW
            repo.insert(retiredOnly, StoreData.nextKey("n", "a"));

            assertThat(repo.dueForRotation(NOW, 10)).containsExactly(old);
        }
    }

    @Test
    @DisplayName("KeySetRepository: dueForRotation returns at most limit tenants")
    void dueForRotation_honoursLimit() {
        try (Database own = openDatabase()) {
            KeySetRepository repo = repository(own.jdbc());
            List<TenantId> due = List.of(newTenant(), newTenant(), newTenant());
            for (int i = 0; i < due.size(); i++) repo.insert(due.get(i), activatedAt("k", NOW.minusSeconds(100 - i)));

            assertThat(repo.dueForRotation(NOW, 2)).hasSize(2).isSubsetOf(due).doesNotHaveDuplicates();
            assertThat(repo.dueForRotation(NOW, 3)).containsExactlyInAnyOrderElementsOf(due);
        }
    }

    @Test
    @DisplayName("KeySetRepository: the signingAlgorithm chain and the RS256 chain are apart: neither lists, rotates or purges the other's keys")
    void chains_areApart() {
        TenantId t = newTenant();
        KeySetRepository primary = new JdbcKeySetRepository(jdbc);
        KeySetRepository rs256 = JdbcKeySetRepository.rs256(jdbc);
        primary.insert(t, StoreData.retiredKey("p0", "a", NOW));
        primary.insert(t, StoreData.activeKey("p1", "a"));
        primary.insert(t, StoreData.nextKey("p2", "a"));
        rs256.insert(t, StoreData.retiredKey("r0", "a", NOW));
        rs256.insert(t, StoreData.activeKey("r1", "a"));
        rs256.insert(t, StoreData.nextKey("r2", "a"));
        List<SigningKey> rsBefore = rs256.list(t);

        assertThat(primary.list(t)).extracting(SigningKey::kid).containsExactly("p0", "p1", "p2");
        assertThat(primary.rotate(t, "r1", UNTIL, "r2", StoreData.key("x", KeyState.NEXT, "a", NOW), NOW)).isFalse();
        assertThat(primary.rotate(t, "p1", UNTIL, "p2", StoreData.key("p3", KeyState.NEXT, "a", NOW), NOW)).isTrue();
        assertThat(primary.purgeRetired(t, NOW.plusSeconds(1))).isEqualTo(1);
        assertThat(rs256.list(t)).isEqualTo(rsBefore);
    }

    private static SigningKey activatedAt(String kid, Instant activated) {
        return new SigningKey(kid, "ES256", KeyState.ACTIVE, "{}", "enc", activated.minusSeconds(60), activated, null, null);
    }

    /** Seeds RETIRED k0, ACTIVE k1, NEXT k2; asserts the rotation is refused and the key set unchanged. */
    private void assertRotationRefused(String retireKid, String activateKid) {
        TenantId t = newTenant();
        keys.insert(t, StoreData.retiredKey("k0", "a", UNTIL));
        keys.insert(t, StoreData.activeKey("k1", "a"));
        keys.insert(t, StoreData.nextKey("k2", "a"));
        List<SigningKey> before = keys.list(t);

        assertThat(keys.rotate(t, retireKid, UNTIL, activateKid, StoreData.key("k3", KeyState.NEXT, "a", NOW), NOW))
                .isFalse();
        assertThat(keys.list(t)).isEqualTo(before);
    }
}
