package dev.tessera.tenant;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's settings, resolved once and passed down; code never reads global config. One record
 * per capability, each validating its own members; the admin body and the stored form stay one flat
 * JSON object with the names of CONTRACT §7. A new capability's settings are one new record here
 * (the sender-constraint and region settings of CONTRACT §8 and §10 go in beside these).
 */
public record TenantSettings(String displayName, TokenSettings tokens, SigningSettings signing, GatewaySettings gateway,
                             SessionSettings sessions, AuditSettings audit) {
    private static final Set<String> KEYS = keys();

    public TenantSettings {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw SettingsJson.invalid("displayName must be a non-empty string of at most 200 characters");
        }
        if (tokens == null || signing == null || gateway == null || sessions == null || audit == null) {
            throw new IllegalArgumentException("every capability's settings are required");
        }
    }

    public static TenantSettings defaults(String displayName) {
        return new TenantSettings(displayName, TokenSettings.DEFAULTS, SigningSettings.DEFAULTS, GatewaySettings.DEFAULTS,
                SessionSettings.DEFAULTS, AuditSettings.DEFAULTS);
    }

    /** Builds settings from a PUT body: absent members take their defaults; unknown members are refused. */
    public static TenantSettings fromJson(Map<String, Object> json) {
        for (String key : json.keySet()) {
            if (!KEYS.contains(key)) throw SettingsJson.invalid("Unknown setting '" + key + "'");
        }
        String displayName = SettingsJson.string(json, "displayName", null);
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw SettingsJson.invalid("displayName must be a non-empty string of at most 200 characters");
        }
        return new TenantSettings(displayName, TokenSettings.fromJson(json), SigningSettings.fromJson(json),
                GatewaySettings.fromJson(json), SessionSettings.fromJson(json), AuditSettings.fromJson(json));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("displayName", displayName);
        tokens.toJson(m);
        signing.toJson(m);
        gateway.toJson(m);
        sessions.toJson(m);
        audit.toJson(m);
        return m;
    }

    public TenantSettings withDisplayName(String name) {
        return new TenantSettings(name, tokens, signing, gateway, sessions, audit);
    }

    private static Set<String> keys() {
        Set<String> k = new HashSet<>(Set.of("displayName"));
        k.addAll(TokenSettings.KEYS);
        k.addAll(SigningSettings.KEYS);
        k.addAll(GatewaySettings.KEYS);
        k.addAll(SessionSettings.KEYS);
        k.addAll(AuditSettings.KEYS);
        return Set.copyOf(k);
    }
}
