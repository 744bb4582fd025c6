package dev.tessera.tenant;

import java.util.Map;
import java.util.Set;

/** The JWS algorithm of the tenant's access-token signing key. Spec: CONTRACT §2, §7. */
public record SigningSettings(String signingAlgorithm) {
    public static final Set<String> ALGORITHMS = Set.of("ES256", "RS256", "EdDSA");
    static final Set<String> KEYS = Set.of("signingAlgorithm");
    public static final SigningSettings DEFAULTS = new SigningSettings(TenantDefaults.SIGNING_ALGORITHM);

    public SigningSettings {
        if (!ALGORITHMS.contains(signingAlgorithm)) throw SettingsJson.invalid("signingAlgorithm must be one of ES256, RS256, EdDSA");
    }

    static SigningSettings fromJson(Map<String, Object> json) {
        return new SigningSettings(SettingsJson.string(json, "signingAlgorithm", TenantDefaults.SIGNING_ALGORITHM));
    }

    void toJson(Map<String, Object> m) {
        m.put("signingAlgorithm", signingAlgorithm);
    }
}
