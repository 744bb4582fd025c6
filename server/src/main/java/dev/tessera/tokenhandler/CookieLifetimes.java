package dev.tessera.tokenhandler;

import dev.tessera.tenant.TenantSettings;
import java.time.Duration;

/**
 * How long each token-handler cookie lives, from the tenant's settings: the login cookie minutes, the
 * access-token cookie as long as the access token, the session cookies (refresh token, ID token, CSRF)
 * as long as a refresh token family may. {@link #longest()} is the retention of a rotated-out key.
 */
public record CookieLifetimes(Duration login, Duration accessToken, Duration session) {
    public static final Duration LOGIN = Duration.ofMinutes(10);

    public static CookieLifetimes of(TenantSettings s) {
        Duration at = Duration.ofSeconds(s.tokens().accessTokenTtlSeconds());
        Duration session = Duration.ofSeconds(Math.max(s.tokens().accessTokenTtlSeconds(), s.tokens().refreshTokenMaxTtlSeconds()));
        return new CookieLifetimes(LOGIN, at, session);
    }

    public Duration of(CookieKind kind) {
        return switch (kind) {
            case LOGIN -> login;
            case ACCESS_TOKEN -> accessToken;
            default -> session;
        };
    }

    public Duration longest() {
        Duration max = login.compareTo(accessToken) >= 0 ? login : accessToken;
        return max.compareTo(session) >= 0 ? max : session;
    }
}
