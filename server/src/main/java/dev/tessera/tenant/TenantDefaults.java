package dev.tessera.tenant;

/** Defaults of every tenant setting (CONTRACT §7). docs/configuration.md is checked against these. */
public final class TenantDefaults {
    private TenantDefaults() {}

    /** Access-token lifetime: short-lived by default (5 minutes). */
    public static final int ACCESS_TOKEN_TTL_SECONDS = 300;
    /** Refresh token expires after this long unused (1 day). */
    public static final int REFRESH_TOKEN_IDLE_TTL_SECONDS = 86_400;
    /** Refresh token family expires this long after the original grant at the latest (30 days). */
    public static final int REFRESH_TOKEN_MAX_TTL_SECONDS = 2_592_000;
    /** Access-token format for clients that do not choose one: the phantom token pattern. */
    public static final String ACCESS_TOKEN_FORMAT = "opaque";
    /** JWS algorithm of the tenant's signing keys. */
    public static final String SIGNING_ALGORITHM = "ES256";
    /** Upper bound on how long a revoked token may still be accepted by caches on other nodes and gateways. */
    public static final int REVOCATION_STALENESS_SECONDS = 30;
    /** A sign-in session ends after this long without activity (30 minutes). */
    public static final int SESSION_IDLE_TTL_SECONDS = 1_800;
    /** A sign-in session ends this long after sign-in at the latest (12 hours). */
    public static final int SESSION_MAX_TTL_SECONDS = 43_200;
    /** Days audit events are kept. */
    public static final int AUDIT_RETENTION_DAYS = 90;
}
