package dev.tessera.tenant;

import java.util.Map;
import java.util.Set;

/**
 * What caches outside this node may assume: how long a revoked token may still be accepted by
 * another node or a gateway cache. Spec: CONTRACT §6.1, §7, §10.
 */
public record GatewaySettings(int revocationStalenessSeconds) {
    static final Set<String> KEYS = Set.of("revocationStalenessSeconds");
    public static final GatewaySettings DEFAULTS = new GatewaySettings(TenantDefaults.REVOCATION_STALENESS_SECONDS);

    public GatewaySettings {
        SettingsJson.range("revocationStalenessSeconds", revocationStalenessSeconds, 0, 3600);
    }

    static GatewaySettings fromJson(Map<String, Object> json) {
        return new GatewaySettings(SettingsJson.integer(json, "revocationStalenessSeconds",
                TenantDefaults.REVOCATION_STALENESS_SECONDS));
    }

    void toJson(Map<String, Object> m) {
        m.put("revocationStalenessSeconds", revocationStalenessSeconds);
    }
}
