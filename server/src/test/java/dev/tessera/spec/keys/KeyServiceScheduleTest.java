package dev.tessera.spec.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import dev.tessera.keys.KeyDefaults;
import dev.tessera.keys.KeyService;
import dev.tessera.keys.KeyState;
import dev.tessera.keys.MasterKey;
import dev.tessera.keys.SigningKey;
import dev.tessera.store.Database;
import dev.tessera.store.JdbcKeySetRepository;
import dev.tessera.tenant.TenantId;
import dev.tessera.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 2 item 4: scheduled rotation and the key-set cache, on KeyService directly (H2 store,
 * hand-moved clock). "Node" below means a second KeyService on the same store.
 */
@Tag("keys")
class KeyServiceScheduleTest {
    private static final Duration INTERVAL = Duration.ofDays(KeyDefaults.ROTATION_DAYS);
    private static final TenantId A = new TenantId("tenant-a");
    private static final TenantId B = new TenantId("tenant-b");

    private Database db;
    private JdbcKeySetRepository repository;
    private JdbcKeySetRepository rs256Repository;
    private MasterKey master;
    private MutableClock clock;
    private KeyService keys;

    @BeforeEach
    void setUp() {
        db = Database.inMemory("keys-" + UUID.randomUUID());
        repository = new JdbcKeySetRepository(db.jdbc());
        rs256Repository = JdbcKeySetRepository.rs256(db.jdbc());
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 7);
        master = new MasterKey(raw);
        clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        keys = new KeyService(repository, rs256Repository, master, clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private SigningKey key(TenantId t, KeyState state) {
        return repository.list(t).stream().filter(k -> k.state() == state).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("Issue 2 item 4: rotateDue rotates exactly the tenants whose active key is older than the interval")
    void rotateDue_rotatesOnlyDueTenants() {
        keys.initialise(A, "ES256");
        clock.advance(Duration.ofDays(20));
        keys.initialise(B, "ES256");
        clock.advance(Duration.ofDays(11));
        String nextOfA = key(A, KeyState.NEXT).kid();
        String activeOfB = key(B, KeyState.ACTIVE).kid();

        assertThat(keys.rotateDue(INTERVAL, t -> "ES256")).isEqualTo(1);

        assertThat(key(A, KeyState.ACTIVE).kid()).isEqualTo(nextOfA);
        assertThat(keys.keys(A).activeKid()).isEqualTo(nextOfA);
        assertThat(key(B, KeyState.ACTIVE).kid()).isEqualTo(activeOfB);
        assertThat(keys.rotateDue(INTERVAL, t -> "ES256")).isZero();
    }

    @Test
    @DisplayName("Issue 2 item 4: a key exactly one interval old is not yet due; one millisecond later it is")
    void rotateDue_boundary() {
        keys.initialise(A, "ES256");
        clock.advance(INTERVAL);
        assertThat(keys.rotateDue(INTERVAL, t -> "ES256")).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(keys.rotateDue(INTERVAL, t -> "ES256")).isEqualTo(1);
    }

    @Test
    @DisplayName("Issue 2 item 4: scheduled rotation keeps the retired key published and adds a new NEXT")
    void rotateDue_keepsRetiredKeyPublished() {
        keys.initialise(A, "ES256");
        String active = keys.keys(A).activeKid();
        clock.advance(INTERVAL.plusDays(1));
        keys.rotateDue(INTERVAL, t -> "ES256");
        List<String> published = keys.keys(A).publicSet().getKeys().stream().map(JWK::getKeyID).toList();
        assertThat(published).hasSize(6).contains(active);        // 3 of each chain (CONTRACT §2: RS256 beside ES256)
        assertThat(key(A, KeyState.RETIRED).publishUntil()).isEqualTo(clock.instant().plus(KeyDefaults.RETIRED_KEY_PUBLICATION));
    }

    @Test
    @DisplayName("Issue 2 item 4: a tenant whose algorithm is unknown (deleted meanwhile) is skipped")
    void rotateDue_skipsUnknownTenants() {
        keys.initialise(A, "ES256");
        String active = key(A, KeyState.ACTIVE).kid();
        clock.advance(INTERVAL.plusDays(1));
        assertThat(keys.rotateDue(INTERVAL, t -> null)).isZero();
        assertThat(key(A, KeyState.ACTIVE).kid()).isEqualTo(active);
    }

    @Test
    @DisplayName("Issue 2 item 4: scheduled rotation uses the tenant's current algorithm")
    void rotateDue_followsTheTenantsAlgorithm() {
        keys.initialise(A, "ES256");
        clock.advance(INTERVAL.plusDays(1));
        keys.rotateDue(INTERVAL, t -> "EdDSA");
        assertThat(keys.keys(A).algorithm().getName()).isEqualTo("EdDSA");
        assertThat(key(A, KeyState.NEXT).alg()).isEqualTo("EdDSA");
    }

    @Test
    @DisplayName("Issue 2 item 4: another node sees a rotation once its cached key set is CACHE_STALENESS old, not before")
    void otherNode_seesRotationWithinStaleness() {
        KeyService otherNode = new KeyService(repository, rs256Repository, master, clock);
        keys.initialise(A, "ES256");
        String before = otherNode.keys(A).activeKid();
        keys.rotate(A, "ES256");
        String after = keys.keys(A).activeKid();
        assertThat(after).isNotEqualTo(before);

        clock.advance(KeyDefaults.CACHE_STALENESS.minusSeconds(1));
        assertThat(otherNode.keys(A).activeKid()).isEqualTo(before);
        clock.advance(Duration.ofSeconds(2));
        assertThat(otherNode.keys(A).activeKid()).isEqualTo(after);
    }

    @Test
    @DisplayName("Issue 2 item 4: a cached key set drops a retired key once its publication period has passed")
    void cachedSet_dropsExpiredRetiredKey() {
        keys.initialise(A, "ES256");
        String first = keys.keys(A).activeKid();
        keys.rotate(A, "ES256");
        assertThat(keys.keys(A).verifier(first)).isNotNull();
        clock.advance(KeyDefaults.RETIRED_KEY_PUBLICATION.plus(KeyDefaults.CACHE_STALENESS).plusSeconds(1));
        assertThat(keys.keys(A).verifier(first)).isNull();
        assertThat(keys.keys(A).publicSet().getKeyByKeyId(first)).isNull();
    }

    @Test
    @DisplayName("Issue 2 item 4: private keys are bound to the master key: another master key cannot load them")
    void otherMasterKey_cannotLoadKeys() {
        keys.initialise(A, "ES256");
        KeyService wrongMaster = new KeyService(repository, rs256Repository, new MasterKey(new byte[32]), clock);
        assertThatThrownBy(() -> wrongMaster.keys(A)).isInstanceOf(IllegalStateException.class);
    }
}
