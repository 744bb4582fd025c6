package dev.tessera.server;

import dev.tessera.admin.AdminAuthorizer;
import dev.tessera.admin.TenantAdministration;
import dev.tessera.audit.AuditLog;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.client.ClientDirectory;
import dev.tessera.client.ClientMetadataPolicy;
import dev.tessera.client.ClientRegistration;
import dev.tessera.gateway.CookieTokenSource;
import dev.tessera.grant.ClientCredentialsGrant;
import dev.tessera.grant.GrantRegistry;
import dev.tessera.grant.ScopePolicy;
import dev.tessera.http.HttpComponents;
import dev.tessera.http.HttpServer;
import dev.tessera.introspection.IntrospectionService;
import dev.tessera.introspection.TokenLookup;
import dev.tessera.keys.KeyService;
import dev.tessera.keys.MasterKey;
import dev.tessera.revocation.RevocationService;
import dev.tessera.store.DataDirectory;
import dev.tessera.store.Database;
import dev.tessera.store.JdbcAccessTokenRepository;
import dev.tessera.store.JdbcAuditRepository;
import dev.tessera.store.JdbcClientRepository;
import dev.tessera.store.JdbcKeySetRepository;
import dev.tessera.store.JdbcReplayCache;
import dev.tessera.store.JdbcRevokedJwtRepository;
import dev.tessera.store.JdbcTenantRepository;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.token.TokenHasher;
import dev.tessera.token.TokenIssuer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/** The composition root: wires every part, and nothing else. */
public final class Tessera implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Tessera.class);
    private final Config config;
    private final Database db;
    private final DataDirectory dataDir;     // null with an external database
    private final AuditLog audit;
    private final HttpServer http;
    private final Maintenance maintenance;
    private final Bootstrap.Result bootstrap;
    private final JdbcAccessTokenRepository accessTokens;
    private final CookieTokenSource cookieTokens;
    private final dev.tessera.user.HashingGate hashingGate;
    private final dev.tessera.user.HashingGate browserLane;

    private Tessera(Config config, Database db, DataDirectory dataDir, AuditLog audit, HttpServer http, Maintenance maintenance,
                    Bootstrap.Result bootstrap, JdbcAccessTokenRepository accessTokens, CookieTokenSource cookieTokens,
                    dev.tessera.user.HashingGate hashingGate, dev.tessera.user.HashingGate browserLane) {
        this.dataDir = dataDir;
        this.hashingGate = hashingGate;
        this.browserLane = browserLane;
        this.cookieTokens = cookieTokens;
        this.accessTokens = accessTokens;
        this.config = config;
        this.db = db;
        this.audit = audit;
        this.http = http;
        this.maintenance = maintenance;
        this.bootstrap = bootstrap;
    }

    public static Tessera start(Config requested, Clock clock, PrintStream console) {
        return start(requested, clock, console, Extensions.NONE);
    }

    /** Starts with extensions (claim sources, …) wired in beside Tessera's own. */
    public static Tessera start(Config requested, Clock clock, PrintStream console, Extensions extensions) {
        Config config = requested.withConcretePort();
        // the embedded store's directory is locked for this process: a second one would lose the first's writes
        DataDirectory dataDir = config.dbUrl() == null ? DataDirectory.open(config.dataDir()) : null;
        if (dataDir == null && config.masterKey() == null) DataDirectory.prepare(config.dataDir());
        if (dataDir != null && config.masterKey() == null && Files.exists(dataDir.path().resolve("master.key"))
                && !Files.exists(dataDir.path().resolve("tessera.mv.db"))) {
            // the key survived but the database did not: starting would silently come up without the previous run's data
            dataDir.close();
            throw new IllegalStateException("The data directory " + dataDir.path() + " holds master.key but no database "
                    + "(tessera.mv.db): restore the database from a backup, or remove master.key to start with empty storage");
        }
        Database db;
        try {
            db = dataDir != null ? Database.embedded(dataDir.path())
                    : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        } catch (RuntimeException e) {
            if (dataDir != null) dataDir.close();
            throw e;
        }
        try {
            boolean holdsData = db.holdsData();
            if (dataDir != null) {
                dataDir.tightenFiles();
                LOG.info("Embedded database in {}: {}", dataDir.path(), holdsData ? "existing data" : "new, empty");
            }
            MasterKey master = config.masterKey() != null ? MasterKey.fromBase64(config.masterKey())
                    : MasterKey.loadOrCreate(config.dataDir(), holdsData);
            var jdbc = db.jdbc();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new ClassLoaderMetrics().bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);

            IssuerUrls issuers = new IssuerUrls(config.publicUrl());
            TokenHasher hasher = new TokenHasher(master);
            var tenantRepo = new JdbcTenantRepository(jdbc);
            TenantDirectory tenants = new TenantDirectory(tenantRepo);
            KeyService keys = new KeyService(new JdbcKeySetRepository(jdbc), JdbcKeySetRepository.rs256(jdbc), master, clock);
            var accessTokens = new JdbcAccessTokenRepository(jdbc);
            var revokedJwts = new JdbcRevokedJwtRepository(jdbc);
            var replayCache = new JdbcReplayCache(jdbc);
            // audit batches are never awaited (a crash loses their in-memory queue anyway): no sync of their own
            var auditRepo = new JdbcAuditRepository(jdbc.withoutSync());
            AuditLog audit = new AuditLog(new dev.tessera.store.BatchedAuditSink(auditRepo), clock);
            ClientDirectory clients = new ClientDirectory(new JdbcClientRepository(jdbc));
            TokenIssuer issuer = new TokenIssuer(keys, accessTokens, revokedJwts, hasher, issuers, clock, registry,
                    extensions.claimsCustomizers());
            var users = new dev.tessera.store.JdbcUserRepository(jdbc);
            var refreshRepo = new dev.tessera.store.JdbcRefreshTokenRepository(jdbc);
            var codes = new dev.tessera.store.JdbcAuthorizationCodeRepository(jdbc);
            var sessions = new dev.tessera.session.SessionService(new dev.tessera.store.JdbcSessionRepository(jdbc), hasher, clock);
            TokenLookup lookup = new TokenLookup(accessTokens, revokedJwts, hasher, keys, issuers, clients, clock);
            var revokedGrants = new dev.tessera.store.JdbcRevokedGrantRepository(jdbc);
            var grantRevocation = new dev.tessera.revocation.GrantRevocation(accessTokens, revokedJwts, refreshRepo, revokedGrants,
                    lookup, clock);
            var userTokens = new dev.tessera.grant.UserTokens(issuer, new dev.tessera.token.RefreshTokens(refreshRepo, hasher, clock),
                    new dev.tessera.oidc.IdTokenIssuer(keys, issuers, clock));
            GrantRegistry grants = new GrantRegistry(List.of(
                    new dev.tessera.grant.AuthorizationCodeGrant(codes, users, grantRevocation, userTokens, hasher),
                    new dev.tessera.grant.RefreshTokenGrant(refreshRepo, users, sessions, grantRevocation, userTokens, hasher),
                    new ClientCredentialsGrant(new ScopePolicy(), issuer)));
            var outbound = dev.tessera.outbound.OutboundPolicy.of(config.outboundAllowPrivate());
            var remoteKeys = new dev.tessera.outbound.RemoteJwkSets(dev.tessera.outbound.OutboundFetcher.standard(outbound), clock);
            ClientAuthenticator authenticator = ClientAuthenticator.standard(clients, replayCache, hasher, remoteKeys, clock);
            var tokenPipeline = new dev.tessera.grant.TokenPipeline(grants, authenticator,
                    dev.tessera.binding.SenderBindingPolicy.BEARER_ONLY, issuers, clock);
            ClientRegistration registration = new ClientRegistration(clients,
                    new ClientMetadataPolicy(Set.copyOf(grants.supported()), authenticator.supported(), outbound,
                            t -> keys.keys(t).clientSelectableAlgorithms()), hasher, clock);
            IntrospectionService introspection = new IntrospectionService(lookup, keys, issuers, refreshRepo, hasher,
                    (tenant, rt) -> users.find(tenant, rt.authentication().userId()).filter(dev.tessera.user.User::active).isPresent()
                            && (rt.offline() || rt.authentication().sid() != null
                                    && sessions.bySid(tenant, rt.authentication().sid()).isPresent()),
                    clock);
            RevocationService revocation = new RevocationService(accessTokens, revokedJwts, refreshRepo, grantRevocation, lookup,
                    hasher, clock);
            TenantAdministration tenantAdmin = new TenantAdministration(tenantRepo, tenants, keys, clients, lookup, audit, clock);
            AdminAuthorizer adminAuthorizer = new AdminAuthorizer(tenants, lookup);

            var passwords = new dev.tessera.user.PasswordHasher();
            var signInFailures = new dev.tessera.store.JdbcSignInFailureRepository(jdbc.withoutSync());
            var hashingGate = new dev.tessera.user.HashingGate(config.passwordHashConcurrency(), config.passwordHashQueue(),
                    dev.tessera.user.HashingGate.MAX_WAIT_MILLIS);
            var browserLane = new dev.tessera.user.HashingGate(config.passwordHashConcurrency(),
                    dev.tessera.http.HttpComponents.BROWSER_QUEUE, dev.tessera.user.HashingGate.MAX_WAIT_MILLIS);
            Bootstrap.Result boot = new Bootstrap(tenantAdmin, registration, users, passwords, issuers).run(config);
            var consents = new dev.tessera.store.JdbcConsentRepository(jdbc);
            var flow = new dev.tessera.authorize.AuthorizationFlow(clients, users,
                    dev.tessera.authorize.AuthorizationFlow.standardSteps(consents), consents, codes, hasher, issuers, clock);
            var browser = new HttpComponents.Browser(new dev.tessera.authorize.AuthorizationRequestValidator(clients, clock), flow,
                    new dev.tessera.authorize.RequestSealer(master, clock),
                    new dev.tessera.authorize.SignIn(users, signInFailures, passwords,
                            hashingGate, hasher, clock),
                    sessions, users, refreshRepo, clients, lookup,
                    new dev.tessera.scim.UserProvisioning(users, passwords, new dev.tessera.user.PasswordPolicy(), sessions,
                            refreshRepo, audit, clock),
                    new dev.tessera.authorize.FormTokens(master), browserLane);

            var tokenHandlerRepo = new dev.tessera.store.JdbcTokenHandlerRepository(jdbc);
            var tokenHandlerKeys = new dev.tessera.tokenhandler.TokenHandlerKeys(master);
            var tokenHandlers = new dev.tessera.tokenhandler.TokenHandlerDirectory(tokenHandlerRepo, tokenHandlerKeys);
            tenantAdmin.onDelete(tokenHandlers::invalidate);
            var agentGrants = new dev.tessera.tokenhandler.AgentGrants(tokenPipeline);
            var tokenHandler = new HttpComponents.TokenHandler(tokenHandlers,
                    new dev.tessera.tokenhandler.TokenHandlerAdministration(tokenHandlerRepo, tokenHandlers, tokenHandlerKeys,
                            tenants, clients.repository(), issuers, audit, clock),
                    new dev.tessera.tokenhandler.AgentLogin(clients, agentGrants, issuers),
                    new dev.tessera.tokenhandler.AgentSession(clients, agentGrants, new dev.tessera.oidc.UserInfoService(lookup, users),
                            revocation, keys, issuers));
            CookieTokenSource cookieTokens = new dev.tessera.tokenhandler.TokenHandlerCookies(tokenHandlers, tenants, clock);

            var phantomTokens = new dev.tessera.gateway.PhantomTokens(lookup, keys, issuers, clock, registry);
            lookup.addInvalidationListener(phantomTokens);
            var gateway = new HttpComponents.Gateway(new dev.tessera.gateway.ForwardAuthService(lookup, phantomTokens,
                    cookieTokens, issuers, clock, registry), phantomTokens);

            HttpComponents components = HttpComponents.of(new HttpComponents.Services(tenants, grants, tokenPipeline, authenticator,
                    registration, introspection, revocation, keys, adminAuthorizer, tenantAdmin, auditRepo, audit,
                    issuers, db::isReachable, registry, clock), browser, gateway, tokenHandler);
            HttpServer http = new HttpServer(new HttpServer.Listener(config.httpHost(), config.httpPort(), config.trustedProxies(),
                    config.clientCertHeader()), components, audit, registry);
            http.start();
            Maintenance maintenance = new Maintenance(accessTokens, revokedJwts, revokedGrants, replayCache, codes, keys, tenants,
                    auditRepo, audit, signInFailures, config.keyRotationDays(), clock);
            maintenance.start();
            Tessera t = new Tessera(config, db, dataDir, audit, http, maintenance, boot, accessTokens, cookieTokens,
                    hashingGate, browserLane);
            boot.print(console, t.port());
            return t;
        } catch (RuntimeException e) {
            db.close();
            if (dataDir != null) dataDir.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** Every HTTP route, as {@code "METHOD /pattern"}. */
    public java.util.List<String> routes() {
        return http.routes();
    }

    public String publicUrl() {
        return config.publicUrl();
    }

    public Bootstrap.Result bootstrap() {
        return bootstrap;
    }

    public Database database() {
        return db;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Runs the maintenance purge once, now (as the scheduler does every minute): for tests with a moved clock. */
    public void purgeNow() {
        maintenance.purge();
    }

    /** The bound on concurrent password checks (issue 9 item 6), for metrics and tests. */
    public dev.tessera.user.HashingGate hashingGate() {
        return hashingGate;
    }

    /** The bound on browser interactions running at once (authorize, sign-in, consent), for tests. */
    public dev.tessera.user.HashingGate browserLane() {
        return browserLane;
    }

    /** The token handler's access-token cookies, for forward-auth (CONTRACT §6.2, proxy side). */
    public CookieTokenSource cookieTokenSource() {
        return cookieTokens;
    }

    /** Graceful stop: drain HTTP, flush audit events, close storage. */
    @Override
    public void close() {
        http.stop();
        maintenance.close();
        audit.close();
        accessTokens.close();
        db.close();
        if (dataDir != null) dataDir.close();   // last: the lock outlives every write
    }
}
