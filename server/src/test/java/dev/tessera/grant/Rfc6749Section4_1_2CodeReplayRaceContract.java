package dev.tessera.grant;

import dev.tessera.protocol.ClientRedirect;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import dev.tessera.authorize.AuthorizationCode;
import dev.tessera.authorize.AuthorizationCodeRepository;
import dev.tessera.authorize.PendingAuthorization;
import dev.tessera.binding.SenderBinding;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.client.Client;
import dev.tessera.client.ClientDirectory;
import dev.tessera.introspection.TokenLookup;
import dev.tessera.keys.KeyService;
import dev.tessera.keys.MasterKey;
import dev.tessera.oidc.IdTokenIssuer;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;
import dev.tessera.revocation.GrantRevocation;
import dev.tessera.user.Authentication;
import dev.tessera.session.SessionService;
import dev.tessera.store.Database;
import dev.tessera.store.Jdbc;
import dev.tessera.store.JdbcAccessTokenRepository;
import dev.tessera.store.JdbcAuthorizationCodeRepository;
import dev.tessera.store.JdbcClientRepository;
import dev.tessera.store.JdbcKeySetRepository;
import dev.tessera.store.JdbcRefreshTokenRepository;
import dev.tessera.store.JdbcRevokedGrantRepository;
import dev.tessera.store.JdbcRevokedJwtRepository;
import dev.tessera.store.JdbcSessionRepository;
import dev.tessera.store.JdbcUserRepository;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.keys.RandomValues;
import dev.tessera.token.RefreshTokenRecord;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.token.RefreshTokens;
import dev.tessera.token.TokenHash;
import dev.tessera.token.TokenHasher;
import dev.tessera.token.TokenIssuer;
import dev.tessera.user.User;
import dev.tessera.user.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 6749 §4.1.2 / RFC 9700 §4.14.2: a replayed code revokes the tokens issued from it, also when the
 * replay races the first redemption. Latches placed in the repositories fix the interleaving (no
 * sleeps): the replay's revocation provably runs between the first redemption's consume and its
 * token store, or its marker is down while its sweep waits until the issuer has finished. Grant
 * handlers run against real storage, so the outcome is what every node would read from it.
 */
@Tag("rfc6749")
@Tag("rfc9700")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Rfc6749Section4_1_2CodeReplayRaceContract {
    private static final Instant NOW = Instant.parse("2031-05-04T10:15:30Z");
    private static final String REDIRECT = "https://app.example/cb";
    private static final long WAIT_SECONDS = 30;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicInteger counter = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private Database db;
    private Jdbc jdbc;
    private TokenHasher hasher;
    private KeyService keys;
    private Hooked hooks;
    private JdbcClientRepository clients;
    private JdbcAccessTokenRepository accessTokens;
    private AuthorizationCodeGrant codeGrant;
    private RefreshTokenGrant refreshGrant;

    protected abstract Database openDatabase();

    @BeforeAll
    void wire() {
        db = openDatabase();
        jdbc = db.jdbc();
        hasher = new TokenHasher(new MasterKey(new byte[32]));
        keys = new KeyService(new JdbcKeySetRepository(jdbc), JdbcKeySetRepository.rs256(jdbc), new MasterKey(new byte[32]), clock);
        IssuerUrls issuers = new IssuerUrls("https://tessera.example");
        clients = new JdbcClientRepository(jdbc);
        accessTokens = new JdbcAccessTokenRepository(jdbc);
        var revokedJwts = new JdbcRevokedJwtRepository(jdbc);
        hooks = new Hooked(new JdbcAuthorizationCodeRepository(jdbc), new JdbcRefreshTokenRepository(jdbc));
        var lookup = new TokenLookup(accessTokens, revokedJwts, hasher, keys, issuers, new ClientDirectory(clients), clock);
        var revocation = new GrantRevocation(accessTokens, revokedJwts, hooks.refresh, new JdbcRevokedGrantRepository(jdbc),
                lookup, clock);
        var issuer = new TokenIssuer(keys, accessTokens, revokedJwts, hasher, issuers, clock, new SimpleMeterRegistry(), List.of());
        var tokens = new UserTokens(issuer, new RefreshTokens(hooks.refresh, hasher, clock), new IdTokenIssuer(keys, issuers, clock));
        var users = new JdbcUserRepository(jdbc);
        codeGrant = new AuthorizationCodeGrant(hooks.codes, users, revocation, tokens, hasher);
        refreshGrant = new RefreshTokenGrant(hooks.refresh, users, new SessionService(new JdbcSessionRepository(jdbc), hasher, clock),
                revocation, tokens, hasher);
    }

    @BeforeEach
    void disarm() {
        hooks.afterCodeConsume.set(null);
        hooks.afterRefreshConsume.set(null);
        hooks.beforeFamilyRevoked.set(null);
    }

    @AfterAll
    void close() {
        pool.shutdownNow();
        accessTokens.close();
        if (db != null) db.close();
    }

    @ParameterizedTest(name = "access token format {0}")
    @ValueSource(strings = {"opaque", "jwt"})
    @DisplayName("RFC 6749 §4.1.2: a replay whose revocation runs between the first redemption's consume and store still revokes its tokens")
    void replayBetweenConsumeAndStore_revokesTheWinnersTokens(String format) throws Exception {
        Family f = family(format);
        CountDownLatch consumed = new CountDownLatch(1);
        CountDownLatch replayed = new CountDownLatch(1);
        hooks.afterCodeConsume.set(() -> {
            consumed.countDown();
            await(replayed);
        });
        Future<TokenResult> first = pool.submit(() -> codeGrant.handle(f.request(), f.ctx()));
        await(consumed);

        assertInvalidGrant(() -> codeGrant.handle(f.request(), f.ctx()));          // the replay: revokes the family
        assertThat(stored(f)).as("the replay's revocation ran before the first redemption stored anything").isZero();
        replayed.countDown();

        assertInvalidGrant(first);
        assertThat(stored(f)).as("the first redemption stored its tokens after the revocation").isPositive();
        assertThat(active(f)).as("tokens of the family left active").isZero();
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: with the replay's marker down and its sweep not yet run, the first redemption revokes its own tokens")
    void replayMarkedButNotSwept_firstRedemptionRevokesItself() throws Exception {
        Family f = family("opaque");
        CountDownLatch consumed = new CountDownLatch(1);
        CountDownLatch marked = new CountDownLatch(1);
        CountDownLatch firstDone = new CountDownLatch(1);
        hooks.afterCodeConsume.set(() -> {
            consumed.countDown();
            await(marked);
        });
        hooks.beforeFamilyRevoked.set(() -> {                                    // the replay, after its marker
            marked.countDown();
            await(firstDone);
        });
        Future<TokenResult> first = pool.submit(() -> codeGrant.handle(f.request(), f.ctx()));
        await(consumed);
        Future<TokenResult> replay = pool.submit(() -> codeGrant.handle(f.request(), f.ctx()));

        assertInvalidGrant(first);
        assertThat(active(f)).as("revoked by the first redemption itself, before the replay's sweep").isZero();
        firstDone.countDown();
        assertInvalidGrant(replay);
        assertThat(stored(f)).isPositive();
        assertThat(active(f)).isZero();
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: a refresh running while a replay revokes the family (marker down, sweep pending) is refused and revoked")
    void refreshDuringReplayRevocation_isRevokedToo() throws Exception {
        Family f = family("opaque");
        TokenResult issued = codeGrant.handle(f.request(), f.ctx());
        CountDownLatch consumed = new CountDownLatch(1);
        CountDownLatch marked = new CountDownLatch(1);
        CountDownLatch refreshDone = new CountDownLatch(1);
        hooks.afterRefreshConsume.set(() -> {
            consumed.countDown();
            await(marked);
        });
        hooks.beforeFamilyRevoked.set(() -> {
            marked.countDown();
            await(refreshDone);
        });
        Future<TokenResult> refresh = pool.submit(() -> refreshGrant.handle(new RefreshTokenRequest(issued.refreshToken(),
                Scope.EMPTY), f.ctx()));
        await(consumed);
        Future<TokenResult> replay = pool.submit(() -> codeGrant.handle(f.request(), f.ctx()));

        assertInvalidGrant(refresh);
        refreshDone.countDown();
        assertInvalidGrant(replay);
        assertThat(storedRefreshTokens(f)).as("the code's and the refresh's").isEqualTo(2);
        assertThat(active(f)).isZero();
    }

    @Test
    @DisplayName("Control: without a replay, the redemption's tokens are stored and stay active")
    void withoutReplay_tokensStayActive() {
        Family f = family("opaque");
        TokenResult issued = codeGrant.handle(f.request(), f.ctx());
        assertThat(issued.refreshToken()).isNotNull();
        assertThat(stored(f)).isEqualTo(2);
        assertThat(active(f)).isEqualTo(2);
    }

    /** A user, a client (with the given access token format) and a fresh code of a new grant family. */
    private Family family(String format) {
        int n = counter.incrementAndGet();
        TenantId tenant = new TenantId("race" + n);
        keys.initialise(tenant, "ES256");
        UserId user = new UserId("u" + n);
        new JdbcUserRepository(jdbc).insert(tenant, new User(user, "alice", null, true, null, Map.of("userName", "alice"), 1,
                NOW, NOW));
        ClientMetadata m = new ClientMetadata();
        m.setGrantTypes(Set.of(com.nimbusds.oauth2.sdk.GrantType.AUTHORIZATION_CODE, com.nimbusds.oauth2.sdk.GrantType.REFRESH_TOKEN));
        m.setRedirectionURI(URI.create(REDIRECT));
        m.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
        m.setCustomField(Client.ACCESS_TOKEN_FORMAT, format);
        Client client = new Client(new ClientId("app"), null, null, m, NOW, NOW);
        clients.insert(tenant, client);
        String code = RandomValues.token(32);
        String grantId = "g" + n;
        Authentication authn = new Authentication(user, "sid" + n, NOW, "pwd", null);
        hooks.codes.save(tenant, new AuthorizationCode(hasher.hash(code), grantId,
                new ClientRedirect(client.clientId(), REDIRECT, "query", null),
                new PendingAuthorization.Requested(Scope.parse("offline_access"), null, null, List.of()), authn,
                NOW.plusSeconds(60), null));
        return new Family(tenant, grantId, code, new GrantContext(tenant, TenantSettings.defaults("race"),
                new AuthenticatedClient(client, ClientAuthenticationMethod.NONE), SenderBinding.NONE, clock));
    }

    private record Family(TenantId tenant, String grantId, String code, GrantContext ctx) {
        AuthorizationCodeRequest request() {
            return new AuthorizationCodeRequest(code, REDIRECT, null);
        }
    }

    /** Tokens of the family in storage: opaque access tokens, JWT access tokens (by jti) and refresh tokens. */
    private long stored(Family f) {
        return count("SELECT COUNT(*) FROM access_tokens WHERE tenant_id = ? AND grant_id = ?", f)
                + count("SELECT COUNT(*) FROM jwt_grants WHERE tenant_id = ? AND grant_id = ?", f)
                + storedRefreshTokens(f);
    }

    private long storedRefreshTokens(Family f) {
        return count("SELECT COUNT(*) FROM refresh_tokens WHERE tenant_id = ? AND grant_id = ?", f);
    }

    /** Tokens of the family that storage, as every node reads it, still holds active. */
    private long active(Family f) {
        return count("SELECT COUNT(*) FROM access_tokens WHERE tenant_id = ? AND grant_id = ? AND revoked_at IS NULL", f)
                + count("SELECT COUNT(*) FROM jwt_grants g WHERE g.tenant_id = ? AND g.grant_id = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM revoked_jwts r WHERE r.tenant_id = g.tenant_id AND r.jti = g.jti)", f)
                + count("SELECT COUNT(*) FROM refresh_tokens WHERE tenant_id = ? AND grant_id = ? AND revoked_at IS NULL", f);
    }

    private long count(String sql, Family f) {
        return jdbc.queryOne(sql, rs -> rs.getLong(1), f.tenant().value(), f.grantId()).orElseThrow();
    }

    private interface Call {
        void run();
    }

    private static void assertInvalidGrant(Call call) {
        try {
            call.run();
        } catch (OAuthException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_GRANT);
            return;
        }
        throw new AssertionError("expected invalid_grant, got tokens");
    }

    private static void assertInvalidGrant(Future<TokenResult> f) throws InterruptedException {
        try {
            f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(OAuthException.class);
            assertThat(((OAuthException) e.getCause()).code()).isEqualTo(ErrorCode.INVALID_GRANT);
            return;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the request did not finish", e);
        }
        throw new AssertionError("expected invalid_grant, got tokens");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) throw new AssertionError("latch not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The real repositories with one-shot pauses at the points where a race is decided. */
    private static final class Hooked {
        final AtomicReference<Runnable> afterCodeConsume = new AtomicReference<>();
        final AtomicReference<Runnable> afterRefreshConsume = new AtomicReference<>();
        final AtomicReference<Runnable> beforeFamilyRevoked = new AtomicReference<>();
        final AuthorizationCodeRepository codes;
        final RefreshTokenRepository refresh;

        Hooked(AuthorizationCodeRepository codes, RefreshTokenRepository refresh) {
            this.codes = new AuthorizationCodeRepository() {
                public void save(TenantId t, AuthorizationCode c) { codes.save(t, c); }

                public Optional<AuthorizationCode> find(TenantId t, TokenHash h) { return codes.find(t, h); }

                public boolean consume(TenantId t, TokenHash h, Instant now) {
                    boolean won = codes.consume(t, h, now);
                    if (won) run(afterCodeConsume);
                    return won;
                }

                public int purgeExpired(Instant cutoff) { return codes.purgeExpired(cutoff); }
            };
            this.refresh = new RefreshTokenRepository() {
                public void save(TenantId t, RefreshTokenRecord r) { refresh.save(t, r); }

                public Optional<RefreshTokenRecord> find(TenantId t, TokenHash h) { return refresh.find(t, h); }

                public boolean consume(TenantId t, TokenHash h, Instant now) {
                    boolean won = refresh.consume(t, h, now);
                    if (won) run(afterRefreshConsume);
                    return won;
                }

                public int revokeFamily(TenantId t, String grantId, Instant now) {
                    run(beforeFamilyRevoked);
                    return refresh.revokeFamily(t, grantId, now);
                }

                public int revokeSession(TenantId t, String sid, Instant now) { return refresh.revokeSession(t, sid, now); }

                public int revokeUser(TenantId t, UserId u, Instant now) { return refresh.revokeUser(t, u, now); }

                public boolean revoke(TenantId t, TokenHash h, Instant now) { return refresh.revoke(t, h, now); }
            };
        }

        private static void run(AtomicReference<Runnable> hook) {
            Runnable r = hook.getAndSet(null);
            if (r != null) r.run();
        }
    }
}
