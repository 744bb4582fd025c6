package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.audit.AuditEvent;
import dev.tessera.keys.KeyState;
import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.token.TokenHash;
import dev.tessera.tokenhandler.TokenHandlerAppId;
import dev.tessera.tokenhandler.TokenHandlerKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant isolation: every repository method, called for the acting tenant, neither sees nor changes
 * the bystander tenant's data. Both tenants are seeded with the same client id, kids, token hashes,
 * jtis and grant ids (labelled with their tenant where content can differ), and every table's rows of
 * the bystander are compared before and after, behind the repositories' backs. Each test runs in both
 * directions (the older tenant acting, then the younger). The sign-in side (users, sessions, refresh
 * tokens, codes, consents, throttling) is in {@link TenantIsolationUsersAndSessionsContract}.
 */
abstract class TenantIsolationContract extends TenantIsolationBase {
    @Test
    @DisplayName("Isolation: the snapshot covers every table of the schema, and tenant deletion every owned table")
    void snapshotCoversEveryTable() {
        List<String> schemaTables = jdbc.query("SELECT table_name FROM information_schema.tables WHERE LOWER(table_schema) = "
                + "'public' AND LOWER(table_name) <> 'flyway_schema_history'", rs -> rs.getString(1).toLowerCase(Locale.ROOT));
        assertThat(schemaTables).containsExactlyInAnyOrderElementsOf(TENANT_COLUMN.keySet());
        assertThat(JdbcTenantRepository.OWNED_TABLES).containsExactlyInAnyOrderElementsOf(
                TENANT_COLUMN.keySet().stream().filter(t -> !t.equals("tenants") && !t.startsWith("audit_")).toList());
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: TenantRepository find, insert, update and delete of one tenant leave the other intact")
    void tenantRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(tenants.find(p.actor()).orElseThrow().settings().displayName()).isEqualTo("Tenant " + p.actor());
        assertThat(tenants.insert(StoreData.tenant(p.actor(), "dup", T0))).isFalse();
        assertThat(tenants.update(new Tenant(p.actor(), TenantSettings.defaults("Changed"), T0, at(90)))).isTrue();
        assertThat(tenants.delete(p.actor())).isTrue();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(snapshot(p.actor())).allSatisfy((table, rows) -> {
            if (!table.startsWith("audit_")) assertThat(rows).as(table).isEmpty();
        });
        assertThat(tenants.find(p.bystander())).isPresent();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: KeySetRepository list, insert, rotate and purgeRetired see and change one tenant only")
    void keySetRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(keys.list(p.actor())).hasSize(3).allSatisfy(k -> assertThat(k.privateJwkEncrypted()).contains(":" + p.actor() + ":"));
        keys.insert(p.actor(), StoreData.key("k9", KeyState.NEXT, p.actor().value(), T0));
        assertThat(keys.rotate(p.actor(), "k1", at(7200), "k2", StoreData.key("k3", KeyState.NEXT, p.actor().value(), NOW), NOW))
                .isTrue();
        assertThat(keys.purgeRetired(p.actor(), NOW)).isEqualTo(1);   // k0, published until T0
        assertThat(keys.rotate(p.actor(), "k-bystander", at(7200), "k2", StoreData.key("k4", KeyState.NEXT, "x", NOW), NOW))
                .isFalse();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        // the bystander's own rotation still finds its active key and its NEXT key untouched
        assertThat(keys.rotate(p.bystander(), "k1", at(7200), "k2", StoreData.key("k3", KeyState.NEXT, "b", NOW), NOW)).isTrue();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: the RS256 KeySetRepository list, insert, rotate and purgeRetired see and change one tenant only")
    void rs256KeySetRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(rs256Keys.list(p.actor())).hasSize(3).allSatisfy(k -> assertThat(k.privateJwkEncrypted()).contains(":" + p.actor() + ":"));
        rs256Keys.insert(p.actor(), StoreData.key("k9", KeyState.NEXT, p.actor().value(), T0));
        assertThat(rs256Keys.rotate(p.actor(), "k1", at(7200), "k2", StoreData.key("k3", KeyState.NEXT, p.actor().value(), NOW), NOW))
                .isTrue();
        assertThat(rs256Keys.purgeRetired(p.actor(), NOW)).isEqualTo(1);
        assertThat(rs256Keys.rotate(p.actor(), "k-bystander", at(7200), "k2", StoreData.key("k4", KeyState.NEXT, "x", NOW), NOW))
                .isFalse();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(rs256Keys.rotate(p.bystander(), "k1", at(7200), "k2", StoreData.key("k3", KeyState.NEXT, "b", NOW), NOW)).isTrue();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: ClientRepository find, insert, update, updateIfRegistrationToken, rotateRegistrationToken, delete and count see and change one tenant only")
    void clientRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        clients.insert(p.bystander(), StoreData.confidentialClient("bystander-only", "b", T0));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());
        ClientId shared = new ClientId("shared-client");
        ClientId bystanderOnly = new ClientId("bystander-only");

        assertThat(clients.find(p.actor(), shared).orElseThrow().secretHash()).isEqualTo("secret-hash-" + p.actor());
        assertThat(clients.find(p.actor(), bystanderOnly)).isEmpty();
        assertThat(clients.count(p.actor())).isEqualTo(1);
        assertThat(clients.insert(p.actor(), StoreData.confidentialClient("shared-client", "dup", T0))).isFalse();
        assertThat(clients.insert(p.actor(), StoreData.confidentialClient("actor-new", "a", T0))).isTrue();
        assertThat(clients.rotateRegistrationToken(p.actor(), bystanderOnly, "rat-hash-b", "rat-hash-stolen")).isFalse();
        assertThat(clients.rotateRegistrationToken(p.actor(), shared, "rat-hash-" + p.bystander(), "rat-hash-stolen")).isFalse();
        assertThat(clients.updateIfRegistrationToken(p.actor(), StoreData.confidentialClient("bystander-only", "stolen", at(5)),
                "rat-hash-b")).isFalse();
        assertThat(clients.rotateRegistrationToken(p.actor(), shared, "rat-hash-" + p.actor(), "rat-hash-rotated")).isTrue();
        assertThat(clients.updateIfRegistrationToken(p.actor(), StoreData.confidentialClient("shared-client", "cond", at(4)),
                "rat-hash-rotated")).isTrue();
        assertThat(clients.update(p.actor(), StoreData.confidentialClient("shared-client", "changed", at(5)))).isTrue();
        assertThat(clients.update(p.actor(), StoreData.confidentialClient("bystander-only", "changed", at(5)))).isFalse();
        assertThat(clients.delete(p.actor(), bystanderOnly)).isFalse();
        assertThat(clients.delete(p.actor(), shared)).isTrue();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(clients.find(p.bystander(), new ClientId("actor-new"))).isEmpty();
        assertThat(clients.count(p.bystander())).isEqualTo(2);
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: AccessTokenRepository save, find, revoke and revokeGrant see and change one tenant only")
    void accessTokenRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        tokens.save(p.bystander(), StoreData.token("bystander-only", "g1", "b", T0, HOUR));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(tokens.find(p.actor(), new TokenHash("h1")).orElseThrow().claims().subject()).isEqualTo("subject-" + p.actor());
        assertThat(tokens.find(p.actor(), new TokenHash("bystander-only"))).isEmpty();
        tokens.save(p.actor(), StoreData.token("actor-new", "g1", p.actor().value(), T0, HOUR));
        assertThat(tokens.revoke(p.actor(), new TokenHash("h1"), NOW)).isTrue();
        assertThat(tokens.revoke(p.actor(), new TokenHash("bystander-only"), NOW)).isFalse();
        assertThat(tokens.revokeGrant(p.actor(), "g1", NOW)).isEqualTo(2);   // h2 and actor-new; h1 already revoked
        assertThat(tokens.revokeGrant(p.actor(), "g2", NOW)).isEqualTo(1);

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(tokens.find(p.bystander(), new TokenHash("actor-new"))).isEmpty();
        assertThat(tokens.revoke(p.bystander(), new TokenHash("h1"), NOW)).isTrue();
        assertThat(tokens.revokeGrant(p.bystander(), "g1", NOW)).isEqualTo(2);   // h2 and bystander-only
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: RevokedJwtRepository revoke and isRevoked see and change one tenant only")
    void revokedJwtRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        revokedJwts.revoke(p.bystander(), "bystander-only", at(3600), T0);
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(revokedJwts.isRevoked(p.actor(), "revoked-jti")).isTrue();
        assertThat(revokedJwts.isRevoked(p.actor(), "bystander-only")).isFalse();
        assertThat(revokedJwts.revoke(p.actor(), "revoked-jti", at(3600), NOW)).isFalse();
        assertThat(revokedJwts.revoke(p.actor(), "bystander-only", at(3600), NOW)).isTrue();
        assertThat(revokedJwts.revoke(p.actor(), "actor-new", at(3600), NOW)).isTrue();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(revokedJwts.isRevoked(p.bystander(), "actor-new")).isFalse();
        assertThat(revokedJwts.revoke(p.bystander(), "actor-new", at(3600), NOW)).isTrue();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: RevokedGrantRepository markRevoked and isRevoked see and change one tenant only")
    void revokedGrantRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        revokedGrants.markRevoked(p.bystander(), "bystander-only", T0, at(86_400));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(revokedGrants.isRevoked(p.actor(), "revoked-grant")).isTrue();
        assertThat(revokedGrants.isRevoked(p.actor(), "bystander-only")).isFalse();
        assertThat(revokedGrants.markRevoked(p.actor(), "revoked-grant", NOW, at(90_000))).isFalse();
        assertThat(revokedGrants.markRevoked(p.actor(), "bystander-only", NOW, at(90_000))).isTrue();
        assertThat(revokedGrants.markRevoked(p.actor(), "actor-new", NOW, at(90_000))).isTrue();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(revokedGrants.isRevoked(p.bystander(), "actor-new")).isFalse();
        assertThat(revokedGrants.markRevoked(p.bystander(), "actor-new", NOW, at(90_000))).isTrue();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: ReplayCache consume of one tenant neither sees nor uses up the other's ids")
    void replayCache(boolean reversed) {
        Pair p = seededPair(reversed);
        replay.consume(p.bystander(), new TokenHash("bystander-used"), at(60));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());

        assertThat(replay.consume(p.actor(), new TokenHash("used-jti"), at(60))).isFalse();
        assertThat(replay.consume(p.actor(), new TokenHash("bystander-used"), at(60))).isTrue();
        assertThat(replay.consume(p.actor(), new TokenHash("actor-new"), at(60))).isTrue();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(replay.consume(p.bystander(), new TokenHash("actor-new"), at(60))).isTrue();
        assertThat(replay.consume(p.bystander(), new TokenHash("bystander-used"), at(60))).isFalse();
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: AuditRepository append, list (with since and afterId) and purgeBefore see and change one tenant only")
    void auditRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());
        List<AuditEvent> bystanderEvents = audit.list(p.bystander(), Instant.EPOCH, 0, 100);

        audit.append(List.of(StoreData.event(p.actor(), NOW, "actor.new", p.actor().value())));
        List<AuditEvent> actorEvents = audit.list(p.actor(), Instant.EPOCH, 0, 100);
        assertThat(actorEvents).hasSize(3).extracting(AuditEvent::tenant).containsOnly(p.actor().value());
        assertThat(audit.list(p.actor(), at(1), 0, 100)).extracting(AuditEvent::type).containsExactly("actor.new");
        assertThat(audit.list(p.actor(), Instant.EPOCH, bystanderEvents.get(0).id(), 100))
                .extracting(AuditEvent::tenant).containsOnly(p.actor().value());

        audit.purgeBefore(p.actor(), NOW.plusSeconds(86_400), 1_000);
        assertThat(audit.list(p.actor(), Instant.EPOCH, 0, 100)).as("the actor's events are purged").isEmpty();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(audit.list(p.bystander(), Instant.EPOCH, 0, 100)).isEqualTo(bystanderEvents);
    }

    @ParameterizedTest(name = "younger tenant acts: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Isolation: TokenHandlerRepository find, list, insert, update, delete, keys and rotateKey see and change one tenant only")
    void tokenHandlerRepository(boolean reversed) {
        Pair p = seededPair(reversed);
        tokenHandlers.insert(p.bystander(), StoreData.tokenHandlerApp("bystander-only", "c", "bo", "b", T0),
                StoreData.tokenHandlerKey("kb", "b", T0, null));
        Map<String, Set<Map<String, Object>>> before = snapshot(p.bystander());
        TokenHandlerAppId web = new TokenHandlerAppId("web");
        TokenHandlerAppId bystanderOnly = new TokenHandlerAppId("bystander-only");

        assertThat(tokenHandlers.find(p.actor(), web).orElseThrow().settings().redirectUri())
                .isEqualTo("https://" + p.actor() + ".example/cb");
        assertThat(tokenHandlers.find(p.actor(), bystanderOnly)).isEmpty();
        assertThat(tokenHandlers.list(p.actor())).extracting(a -> a.id().value()).containsExactly("web");
        assertThat(tokenHandlers.keys(p.actor(), web)).extracting(TokenHandlerKey::encryptedKey)
                .containsExactly("enc:" + p.actor() + ":kid1");
        assertThat(tokenHandlers.keys(p.actor(), bystanderOnly)).isEmpty();
        assertThat(tokenHandlers.insert(p.actor(), StoreData.tokenHandlerApp("bystander-only", "c", "bo", "a", T0),
                StoreData.tokenHandlerKey("kb", "a", T0, null))).isTrue();                // id and prefix are per tenant
        assertThat(tokenHandlers.update(p.actor(), StoreData.tokenHandlerApp("web", "changed", "th", "changed", at(5)))).isTrue();
        assertThat(tokenHandlers.rotateKey(p.actor(), web, StoreData.tokenHandlerKey("kid2", "a", NOW, null), at(600), NOW))
                .isTrue();
        assertThat(tokenHandlers.delete(p.actor(), bystanderOnly)).isTrue();
        assertThat(tokenHandlers.delete(p.actor(), web)).isTrue();
        assertThat(tokenHandlers.rotateKey(p.actor(), bystanderOnly, StoreData.tokenHandlerKey("kx", "a", NOW, null), at(600),
                NOW)).isFalse();

        assertThat(snapshot(p.bystander())).isEqualTo(before);
        assertThat(tokenHandlers.keys(p.bystander(), web)).extracting(TokenHandlerKey::kid).containsExactly("kid1");
        assertThat(tokenHandlers.rotateKey(p.bystander(), web, StoreData.tokenHandlerKey("kid2", "b", NOW, null), at(600), NOW))
                .isTrue();
    }

    @Test
    @DisplayName("Isolation: cross-tenant maintenance (purges, dueForRotation) changes nothing that has not expired")
    void maintenance_changesNothingUnexpired() {
        Pair p = seededPair(false);
        Map<String, Set<Map<String, Object>>> actorBefore = snapshot(p.actor());
        Map<String, Set<Map<String, Object>>> bystanderBefore = snapshot(p.bystander());

        tokens.purgeExpired(T0, 10_000);
        revokedJwts.purgeExpired(T0, 10_000);
        replay.purgeExpired(T0);
        revokedGrants.purgeExpired(T0, 10_000);
        codes.purgeExpired(T0);
        assertThat(keys.dueForRotation(at(3600), 10_000)).contains(p.actor(), p.bystander());
        assertThat(rs256Keys.dueForRotation(at(3600), 10_000)).contains(p.actor(), p.bystander());

        assertThat(snapshot(p.actor())).isEqualTo(actorBefore);
        assertThat(snapshot(p.bystander())).isEqualTo(bystanderBefore);
    }
}
