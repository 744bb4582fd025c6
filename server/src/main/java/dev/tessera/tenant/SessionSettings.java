package dev.tessera.tenant;

import java.util.Map;
import java.util.Set;

/** How long a browser sign-in session lasts: idle and absolute. Spec: CONTRACT §4, §7. */
public record SessionSettings(int sessionIdleTtlSeconds, int sessionMaxTtlSeconds) {
    static final Set<String> KEYS = Set.of("sessionIdleTtlSeconds", "sessionMaxTtlSeconds");
    public static final SessionSettings DEFAULTS = new SessionSettings(TenantDefaults.SESSION_IDLE_TTL_SECONDS,
            TenantDefaults.SESSION_MAX_TTL_SECONDS);

    public SessionSettings {
        SettingsJson.range("sessionIdleTtlSeconds", sessionIdleTtlSeconds, 60, 2_592_000);
        SettingsJson.range("sessionMaxTtlSeconds", sessionMaxTtlSeconds, 60, 31_536_000);
        if (sessionIdleTtlSeconds > sessionMaxTtlSeconds) {
            throw SettingsJson.invalid("sessionIdleTtlSeconds must not exceed sessionMaxTtlSeconds");
        }
    }

    static SessionSettings fromJson(Map<String, Object> json) {
        return new SessionSettings(
                SettingsJson.integer(json, "sessionIdleTtlSeconds", TenantDefaults.SESSION_IDLE_TTL_SECONDS),
                SettingsJson.integer(json, "sessionMaxTtlSeconds", TenantDefaults.SESSION_MAX_TTL_SECONDS));
    }

    void toJson(Map<String, Object> m) {
        m.put("sessionIdleTtlSeconds", sessionIdleTtlSeconds);
        m.put("sessionMaxTtlSeconds", sessionMaxTtlSeconds);
    }
}
