package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;

import dev.tessera.audit.AuditRepository;
import dev.tessera.authorize.AuthorizationCodeRepository;
import dev.tessera.authorize.ConsentRepository;
import dev.tessera.authorize.SignInFailureRepository;
import dev.tessera.client.ClientRepository;
import dev.tessera.keys.KeySetRepository;
import dev.tessera.keys.KeyState;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.revocation.RevokedGrantRepository;
import dev.tessera.session.SessionRepository;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantRepository;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.token.RevokedJwtRepository;
import dev.tessera.token.TokenHash;
import dev.tessera.tokenhandler.TokenHandlerRepository;
import dev.tessera.user.UserId;
import dev.tessera.user.UserRepository;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared part of the tenant-isolation suites: every repository, two tenants seeded with rows under the
 * same keys (client id, kids, token hashes, jtis, grant ids, user ids and names, sids; labelled with their
 * tenant where content can differ), and a snapshot of every table's rows of one tenant, read behind the
 * repositories' backs.
 */
abstract class TenantIsolationBase extends StoreContract {
    /** Every table of the schema with the column naming its tenant. */
    protected static final Map<String, String> TENANT_COLUMN = tenantColumns();
    protected static final Duration HOUR = Duration.ofHours(1);
    protected static final Instant NOW = at(60);

    protected TenantRepository tenants;
    protected KeySetRepository keys;
    protected KeySetRepository rs256Keys;
    protected ClientRepository clients;
    protected AccessTokenRepository tokens;
    protected RevokedJwtRepository revokedJwts;
    protected JdbcReplayCache replay;
    protected RevokedGrantRepository revokedGrants;
    protected AuditRepository audit;
    protected TokenHandlerRepository tokenHandlers;
    protected UserRepository users;
    protected SessionRepository sessions;
    protected RefreshTokenRepository refreshTokens;
    protected AuthorizationCodeRepository codes;
    protected ConsentRepository consents;
    protected SignInFailureRepository signInFailures;

    /** The two tenants of one test: {@code actor} is the one every call names. */
    protected record Pair(TenantId actor, TenantId bystander) {}

    @BeforeAll
    void repositories() {
        tenants = new JdbcTenantRepository(jdbc);
        keys = new JdbcKeySetRepository(jdbc);
        rs256Keys = JdbcKeySetRepository.rs256(jdbc);
        clients = new JdbcClientRepository(jdbc);
        tokens = new JdbcAccessTokenRepository(jdbc);
        revokedJwts = new JdbcRevokedJwtRepository(jdbc);
        replay = new JdbcReplayCache(jdbc);
        revokedGrants = new JdbcRevokedGrantRepository(jdbc);
        audit = new JdbcAuditRepository(jdbc);
        tokenHandlers = new JdbcTokenHandlerRepository(jdbc);
        users = new JdbcUserRepository(jdbc);
        sessions = new JdbcSessionRepository(jdbc);
        refreshTokens = new JdbcRefreshTokenRepository(jdbc);
        codes = new JdbcAuthorizationCodeRepository(jdbc);
        consents = new JdbcConsentRepository(jdbc);
        signInFailures = new JdbcSignInFailureRepository(jdbc);
    }

    /** Two fresh tenants holding rows with the same keys; {@code reversed} makes the younger one act. */
    protected Pair seededPair(boolean reversed) {
        TenantId older = newTenant();
        TenantId younger = newTenant();
        seed(older);
        seed(younger);
        return reversed ? new Pair(younger, older) : new Pair(older, younger);
    }

    private void seed(TenantId t) {
        String label = t.value();
        tenants.insert(StoreData.tenant(t, label, T0));
        keys.insert(t, StoreData.retiredKey("k0", label, T0));
        keys.insert(t, StoreData.key("k1", KeyState.ACTIVE, label, T0));
        keys.insert(t, StoreData.key("k2", KeyState.NEXT, label, T0.plusSeconds(1)));
        rs256Keys.insert(t, StoreData.retiredKey("k0", label, T0));
        rs256Keys.insert(t, StoreData.key("k1", KeyState.ACTIVE, label, T0));
        rs256Keys.insert(t, StoreData.key("k2", KeyState.NEXT, label, T0.plusSeconds(1)));
        clients.insert(t, StoreData.confidentialClient("shared-client", label, T0));
        tokens.save(t, StoreData.token("h1", "g1", label, T0, HOUR));
        tokens.save(t, StoreData.token("h2", "g1", label, T0, HOUR));
        tokens.save(t, StoreData.token("h3", "g2", label, T0, HOUR));
        revokedJwts.revoke(t, "revoked-jti", at(3600), T0);
        replay.consume(t, new TokenHash("used-jti"), at(60));
        revokedGrants.markRevoked(t, "revoked-grant", T0, at(86_400));
        audit.append(List.of(StoreData.event(t, T0, "token.issued", label), StoreData.event(t, T0, "token.revoked", label)));
        tokenHandlers.insert(t, StoreData.tokenHandlerApp("web", "shared-client", "th", label, T0),
                StoreData.tokenHandlerKey("kid1", label, T0, null));
        users.insert(t, StoreData.user("u1", "alice", label, 1, T0));
        users.insert(t, StoreData.user("u2", "bob", label, 1, T0.plusSeconds(1)));
        sessions.insert(t, StoreData.session("s1", "sid1", "u1", label, T0));
        sessions.insert(t, StoreData.session("s2", "sid2", "u1", label, T0));
        sessions.insert(t, StoreData.session("s3", "sid3", "u2", label, T0));
        refreshTokens.save(t, StoreData.refreshToken("r1", "g1", "u1", "sid1", false, label, T0));
        refreshTokens.save(t, StoreData.refreshToken("r2", "g1", "u1", "sid1", true, label, T0));
        refreshTokens.save(t, StoreData.refreshToken("r3", "g2", "u2", "sid3", false, label, T0));
        codes.save(t, StoreData.authorizationCode("c1", "g1", "u1", "sid1", label, at(600)));
        consents.grant(t, new UserId("u1"), new ClientId("shared-client"), Scope.parse("openid profile " + label), T0);
        consents.grant(t, new UserId("u2"), new ClientId("shared-client"), Scope.parse("openid"), T0);
        signInFailures.recordFailure(t, "user:alice", T0, at(60));
        signInFailures.recordFailure(t, "ip:192.0.2.1", T0, at(30));
        signInFailures.recordFailure(t, "ip:192.0.2.1", T0, at(30));
    }

    /** All rows of the tenant in every table, read with plain SQL: what the tenant owns, exactly. */
    protected Map<String, Set<Map<String, Object>>> snapshot(TenantId t) {
        Map<String, Set<Map<String, Object>>> out = new TreeMap<>();
        TENANT_COLUMN.forEach((table, column) -> out.put(table, new HashSet<>(
                jdbc.query("SELECT * FROM " + table + " WHERE " + column + " = ?", TenantIsolationBase::row, t.value()))));
        return out;
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
        return row;
    }

    private static Map<String, String> tenantColumns() {
        Map<String, String> m = new TreeMap<>();
        m.put("tenants", "id");
        m.put("audit_events", "tenant_id");
        m.put("audit_segments", "tenant_id");
        for (String table : JdbcTenantRepository.OWNED_TABLES) m.put(table, "tenant_id");
        return Map.copyOf(m);
    }
}
