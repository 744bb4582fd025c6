package dev.tessera.server;

import dev.tessera.keys.KeyService;
import dev.tessera.revocation.RevokedGrantRepository;
import dev.tessera.store.JdbcReplayCache;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.RevokedJwtRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background jobs: purge expired one-time and token rows, forgotten sign-in failure counters, and audit events past their tenant's
 * {@code auditRetentionDays}; close audit aggregation windows; rotate signing keys on schedule.
 */
final class Maintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    /** Expired rows are kept this long for introspection answers and forensics, then deleted. */
    static final Duration RETENTION = Duration.ofHours(1);

    private final AccessTokenRepository accessTokens;
    private final RevokedJwtRepository revokedJwts;
    private final RevokedGrantRepository revokedGrants;
    private final JdbcReplayCache replayCache;
    private final dev.tessera.authorize.AuthorizationCodeRepository codes;
    private final KeyService keys;
    private final TenantDirectory tenants;
    private final dev.tessera.audit.AuditRepository auditEvents;
    private final dev.tessera.audit.AuditLog audit;
    private final dev.tessera.authorize.SignInFailureRepository signInFailures;
    private final int rotationDays;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tessera-maintenance");
        t.setDaemon(true);
        return t;
    });

    Maintenance(AccessTokenRepository accessTokens, RevokedJwtRepository revokedJwts, RevokedGrantRepository revokedGrants,
                JdbcReplayCache replayCache,
                dev.tessera.authorize.AuthorizationCodeRepository codes, KeyService keys, TenantDirectory tenants,
                dev.tessera.audit.AuditRepository auditEvents, dev.tessera.audit.AuditLog audit,
                dev.tessera.authorize.SignInFailureRepository signInFailures, int rotationDays, Clock clock) {
        this.signInFailures = signInFailures;
        this.auditEvents = auditEvents;
        this.audit = audit;
        this.accessTokens = accessTokens;
        this.revokedJwts = revokedJwts;
        this.revokedGrants = revokedGrants;
        this.replayCache = replayCache;
        this.codes = codes;
        this.keys = keys;
        this.tenants = tenants;
        this.rotationDays = rotationDays;
        this.clock = clock;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::purge, 1, 1, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(this::rotate, 1, 60, TimeUnit.MINUTES);
    }

    void purge() {
        try {
            Instant cutoff = clock.instant().minus(RETENTION);
            int n;
            do {
                n = accessTokens.purgeExpired(cutoff, 10_000);
            } while (n >= 10_000);
            do {
                n = revokedJwts.purgeExpired(clock.instant(), 10_000);
            } while (n >= 10_000);
            do {
                n = revokedGrants.purgeExpired(clock.instant(), 10_000);
            } while (n >= 10_000);
            replayCache.purgeExpired(clock.instant());
            codes.purgeExpired(cutoff);
            Instant forgotten = clock.instant().minusSeconds(dev.tessera.authorize.SignIn.FAILURE_MEMORY_SECONDS);
            do {
                n = signInFailures.purgeForgotten(forgotten, 10_000);
            } while (n >= 10_000);
        } catch (RuntimeException e) {
            LOG.warn("Purge of expired rows failed", e);
        }
        audit.closeAggregates();
        purgeAudit();
    }

    /** Every tenant's audit events older than its {@code auditRetentionDays} (default for a tenant no longer found). */
    void purgeAudit() {
        try {
            Instant now = clock.instant();
            Instant oldestCutoff = now.minus(Duration.ofDays(dev.tessera.tenant.AuditSettings.MIN_RETENTION_DAYS));
            for (dev.tessera.tenant.TenantId t : auditEvents.tenantsWithEventsBefore(oldestCutoff)) {
                int days = tenants.find(t).map(x -> x.settings().audit().auditRetentionDays())
                        .orElse(dev.tessera.tenant.TenantDefaults.AUDIT_RETENTION_DAYS);
                Instant before = now.minus(Duration.ofDays(days));
                int n;
                do {
                    n = auditEvents.purgeBefore(t, before, 1_000);
                } while (n >= 1_000);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purge of old audit events failed", e);
        }
    }

    void rotate() {
        try {
            int n = keys.rotateDue(Duration.ofDays(rotationDays),
                    t -> tenants.find(t).map(x -> x.settings().signing().signingAlgorithm()).orElse(null));
            if (n > 0) LOG.info("Rotated the signing keys of {} tenants", n);
        } catch (RuntimeException e) {
            LOG.warn("Scheduled key rotation failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
