package dev.tessera.tenant;

import java.util.Map;
import java.util.Set;

/**
 * How a tenant's tokens live and look: access-token lifetime, format and default audience, refresh
 * token idle and absolute lifetimes. {@code defaultAudience} null means the tenant's issuer.
 * Spec: CONTRACT §3 (audience), §7; RFC 9700 §4.14.2.
 */
public record TokenSettings(int accessTokenTtlSeconds, int refreshTokenIdleTtlSeconds, int refreshTokenMaxTtlSeconds,
                            String defaultAudience, String accessTokenFormat) {
    public static final Set<String> FORMATS = Set.of("opaque", "jwt");
    static final Set<String> KEYS = Set.of("accessTokenTtlSeconds", "refreshTokenIdleTtlSeconds", "refreshTokenMaxTtlSeconds",
            "defaultAudience", "accessTokenFormat");
    public static final TokenSettings DEFAULTS = new TokenSettings(TenantDefaults.ACCESS_TOKEN_TTL_SECONDS,
            TenantDefaults.REFRESH_TOKEN_IDLE_TTL_SECONDS, TenantDefaults.REFRESH_TOKEN_MAX_TTL_SECONDS, null,
            TenantDefaults.ACCESS_TOKEN_FORMAT);

    public TokenSettings {
        SettingsJson.range("accessTokenTtlSeconds", accessTokenTtlSeconds, 10, 86_400);
        SettingsJson.range("refreshTokenIdleTtlSeconds", refreshTokenIdleTtlSeconds, 60, 31_536_000);
        SettingsJson.range("refreshTokenMaxTtlSeconds", refreshTokenMaxTtlSeconds, 60, 31_536_000);
        if (refreshTokenIdleTtlSeconds > refreshTokenMaxTtlSeconds) {
            throw SettingsJson.invalid("refreshTokenIdleTtlSeconds must not exceed refreshTokenMaxTtlSeconds");
        }
        if (defaultAudience != null && (defaultAudience.isBlank() || defaultAudience.length() > 500)) {
            throw SettingsJson.invalid("defaultAudience must be a non-empty string of at most 500 characters");
        }
        if (!FORMATS.contains(accessTokenFormat)) throw SettingsJson.invalid("accessTokenFormat must be \"opaque\" or \"jwt\"");
    }

    static TokenSettings fromJson(Map<String, Object> json) {
        return new TokenSettings(
                SettingsJson.integer(json, "accessTokenTtlSeconds", TenantDefaults.ACCESS_TOKEN_TTL_SECONDS),
                SettingsJson.integer(json, "refreshTokenIdleTtlSeconds", TenantDefaults.REFRESH_TOKEN_IDLE_TTL_SECONDS),
                SettingsJson.integer(json, "refreshTokenMaxTtlSeconds", TenantDefaults.REFRESH_TOKEN_MAX_TTL_SECONDS),
                SettingsJson.string(json, "defaultAudience", null),
                SettingsJson.string(json, "accessTokenFormat", TenantDefaults.ACCESS_TOKEN_FORMAT));
    }

    void toJson(Map<String, Object> m) {
        m.put("accessTokenTtlSeconds", accessTokenTtlSeconds);
        m.put("refreshTokenIdleTtlSeconds", refreshTokenIdleTtlSeconds);
        m.put("refreshTokenMaxTtlSeconds", refreshTokenMaxTtlSeconds);
        m.put("defaultAudience", defaultAudience);
        m.put("accessTokenFormat", accessTokenFormat);
    }
}
