package dev.tessera.gateway;

import java.time.Duration;

/** Defaults of the gateway integration (forward-auth and the JWT form of opaque tokens). */
public final class GatewayDefaults {
    private GatewayDefaults() {}

    /**
     * The longest a minted JWT form lives (its {@code exp} is never later than the opaque token's):
     * the default access-token lifetime, so a default token is signed once, while a long-lived one
     * is re-signed every few minutes and a JWT that leaks past the gateway is soon useless.
     */
    public static final Duration MAX_JWT_LIFETIME = Duration.ofMinutes(5);
    /**
     * A cached JWT form is replaced once it has less than this left and the opaque token lives on, so
     * the gateway never forwards a JWT about to expire.
     */
    public static final Duration RENEW_BEFORE = Duration.ofSeconds(60);
    /** Memory bound of the minted-JWT cache (about 1 KB per opaque token in use). */
    public static final long JWT_CACHE_BYTES = 64L * 1024 * 1024;
}
