package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.audit.AuditEvent;
import dev.tessera.client.ClientRepository;
import dev.tessera.keys.KeySetRepository;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantRepository;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.RevokedJwtRepository;
import dev.tessera.token.TokenHash;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link TenantRepository}, on every database. */
abstract class TenantRepositoryContract extends StoreContract {
    private TenantRepository tenants;

    @BeforeAll
    void repositories() {
        tenants = new JdbcTenantRepository(jdbc);
    }

    @Test
    @DisplayName("TenantRepository: insert then find returns every field")
    void insertThenFind_roundTripsEveryField() {
        Tenant t = StoreData.tenant(newTenant(), "a", T0);
        assertThat(tenants.insert(t)).isTrue();
        assertThat(tenants.find(t.id())).contains(t);
    }

    @Test
    @DisplayName("TenantRepository: default settings (null defaultAudience) round-trip")
    void defaultSettings_roundTrip() {
        Tenant t = new Tenant(newTenant(), TenantSettings.defaults("Defaults"), T0, T0);
        assertThat(tenants.insert(t)).isTrue();
        assertThat(tenants.find(t.id())).contains(t);
    }

    @Test
    @DisplayName("TenantRepository: find of an unknown tenant is empty")
    void findUnknown_isEmpty() {
        assertThat(tenants.find(newTenant())).isEmpty();
    }

    @Test
    @DisplayName("TenantRepository: insert returns false for an existing id and keeps the stored tenant")
    void insertDuplicate_returnsFalseAndKeepsOriginal() {
        Tenant t = StoreData.tenant(newTenant(), "a", T0);
        tenants.insert(t);
        Tenant other = StoreData.tenant(t.id(), "b", T0.plusSeconds(60));
        assertThat(tenants.insert(other)).isFalse();
        assertThat(tenants.find(t.id())).contains(t);
    }

    @Test
    @DisplayName("TenantRepository: update replaces settings and updatedAt, keeps createdAt")
    void update_replacesSettings() {
        Tenant t = StoreData.tenant(newTenant(), "a", T0);
        tenants.insert(t);
        Tenant changed = new Tenant(t.id(), TenantSettings.defaults("Renamed"), T0, T0.plusSeconds(3600));
        assertThat(tenants.update(changed)).isTrue();
        assertThat(tenants.find(t.id())).contains(changed);
    }

    @Test
    @DisplayName("TenantRepository: update of an unknown tenant returns false and creates nothing")
    void updateUnknown_returnsFalse() {
        Tenant t = StoreData.tenant(newTenant(), "a", T0);
        assertThat(tenants.update(t)).isFalse();
        assertThat(tenants.find(t.id())).isEmpty();
    }

    @Test
    @DisplayName("TenantRepository: delete returns true once, then false; the tenant is gone")
    void delete_returnsTrueOnceThenFalse() {
        Tenant t = StoreData.tenant(newTenant(), "a", T0);
        tenants.insert(t);
        assertThat(tenants.delete(t.id())).isTrue();
        assertThat(tenants.find(t.id())).isEmpty();
        assertThat(tenants.delete(t.id())).isFalse();
    }

    @Test
    @DisplayName("TenantRepository: a deleted id can be inserted again")
    void deletedId_canBeReused() {
        Tenant t = StoreData.tenant(newTenant(), "a", T0);
        tenants.insert(t);
        tenants.delete(t.id());
        Tenant again = StoreData.tenant(t.id(), "b", T0.plusSeconds(10));
        assertThat(tenants.insert(again)).isTrue();
        assertThat(tenants.find(t.id())).contains(again);
    }

    @Test
    @DisplayName("TenantRepository: count follows inserts and deletes")
    void count_followsInsertsAndDeletes() {
        long before = tenants.count();
        TenantId a = newTenant();
        TenantId b = newTenant();
        tenants.insert(StoreData.tenant(a, "a", T0));
        tenants.insert(StoreData.tenant(b, "b", T0));
        tenants.insert(StoreData.tenant(b, "b", T0));
        assertThat(tenants.count()).isEqualTo(before + 2);
        tenants.delete(a);
        assertThat(tenants.count()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("TenantRepository: delete removes every owned row (clients, keys, tokens, revoked jwts, used jtis)")
    void delete_removesEveryOwnedRow() {
        TenantId t = newTenant();
        seedEverything(t);
        for (String table : JdbcTenantRepository.OWNED_TABLES) {
            assertThat(rows(table, t)).as(table + " before delete").isPositive();
        }

        assertThat(tenants.delete(t)).isTrue();

        for (String table : JdbcTenantRepository.OWNED_TABLES) {
            assertThat(rows(table, t)).as(table + " after delete").isZero();
        }
        assertThat(new JdbcClientRepository(jdbc).count(t)).isZero();
        assertThat(new JdbcKeySetRepository(jdbc).list(t)).isEmpty();
        assertThat(JdbcKeySetRepository.rs256(jdbc).list(t)).isEmpty();
        assertThat(new JdbcAccessTokenRepository(jdbc).find(t, new TokenHash("h1"))).isEmpty();
        assertThat(new JdbcRevokedJwtRepository(jdbc).isRevoked(t, "jwt-1")).isFalse();
        assertThat(new JdbcReplayCache(jdbc).consume(t, new TokenHash("jti-1"), StoreData.at(60))).isTrue();
        assertThat(new JdbcRevokedGrantRepository(jdbc).isRevoked(t, "g0")).isFalse();
    }

    @Test
    @DisplayName("TenantRepository: delete keeps the tenant's audit events")
    void delete_keepsAuditEvents() {
        TenantId t = newTenant();
        List<AuditEvent> events = seedEverything(t);
        tenants.delete(t);
        assertThat(new JdbcAuditRepository(jdbc).list(t, T0.minusSeconds(3600), 0, 100))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("id").containsExactlyElementsOf(events);
    }

    @Test
    @DisplayName("TenantRepository: delete of a tenant row that is absent still reports false but removes owned rows")
    void deleteWithoutTenantRow_returnsFalse() {
        TenantId t = newTenant();
        new JdbcClientRepository(jdbc).insert(t, StoreData.confidentialClient("c1", "a", T0));
        assertThat(tenants.delete(t)).isFalse();
        assertThat(rows("clients", t)).isZero();
    }

    /** Rows of the sign-in side: user (and its e-mail index), session, consent, code, refresh token, throttle. */
    private void seedUserSide(TenantId t) {
        var user = new dev.tessera.user.UserId("u1");
        new JdbcUserRepository(jdbc).insert(t, new dev.tessera.user.User(user, "alice", null, true, null,
                java.util.Map.of("userName", "alice", "emails", List.of(java.util.Map.of("value", "alice@example.com"))),
                1, T0, T0));
        new JdbcSessionRepository(jdbc).insert(t, new dev.tessera.session.Session(new TokenHash("s1"), "sid1", user, T0,
                "pwd", null, T0, T0, StoreData.at(600), StoreData.at(3600), null));
        var client = new dev.tessera.protocol.ClientId("c1");
        var scope = dev.tessera.protocol.Scope.parse("openid");
        new JdbcConsentRepository(jdbc).grant(t, user, client, scope, T0);
        var authn = new dev.tessera.user.Authentication(user, "sid1", T0, "pwd", null);
        new JdbcAuthorizationCodeRepository(jdbc).save(t, new dev.tessera.authorize.AuthorizationCode(new TokenHash("code1"), "g1",
                new dev.tessera.protocol.ClientRedirect(client, "https://app.example/cb", "query", null),
                new dev.tessera.authorize.PendingAuthorization.Requested(scope, null, null, List.of()), authn,
                StoreData.at(60), null));
        new JdbcRefreshTokenRepository(jdbc).save(t, new dev.tessera.token.RefreshTokenRecord(new TokenHash("r1"), "g1", client,
                scope, List.of(), authn, false, new dev.tessera.token.RefreshTokenRecord.Lifetime(T0, StoreData.at(3600),
                StoreData.at(7200), null, null)));
        new JdbcSignInFailureRepository(jdbc).recordFailure(t, "u:alice", T0, T0);
        new JdbcTokenHandlerRepository(jdbc).insert(t, StoreData.tokenHandlerApp("web", "c1", "th", "a", T0),
                StoreData.tokenHandlerKey("k1", "a", T0, null));
    }

    /** One row of every kind the tenant can own, plus audit events; returns the events. */
    private List<AuditEvent> seedEverything(TenantId t) {
        tenants.insert(StoreData.tenant(t, "a", T0));
        ClientRepository clients = new JdbcClientRepository(jdbc);
        clients.insert(t, StoreData.confidentialClient("c1", "a", T0));
        KeySetRepository keys = new JdbcKeySetRepository(jdbc);
        keys.insert(t, StoreData.activeKey("k1", "a"));
        keys.insert(t, StoreData.nextKey("k2", "a"));
        JdbcKeySetRepository.rs256(jdbc).insert(t, StoreData.activeKey("k3", "a"));
        AccessTokenRepository tokens = new JdbcAccessTokenRepository(jdbc);
        tokens.save(t, StoreData.token("h1", "g1", "a", T0, Duration.ofHours(1)));
        RevokedJwtRepository revoked = new JdbcRevokedJwtRepository(jdbc);
        revoked.revoke(t, "jwt-1", StoreData.at(3600), T0);
        new JdbcReplayCache(jdbc).consume(t, new TokenHash("jti-1"), StoreData.at(60));
        revoked.recordGrant(t, "jwt-2", "g1", StoreData.at(3600));
        new JdbcRevokedGrantRepository(jdbc).markRevoked(t, "g0", T0, StoreData.at(86_400));
        seedUserSide(t);
        List<AuditEvent> events = List.of(StoreData.event(t, T0, "token.issued", "a"),
                StoreData.event(t, StoreData.at(1), "tenant.deleted", "a"));
        new JdbcAuditRepository(jdbc).append(events);
        return events;
    }
}
