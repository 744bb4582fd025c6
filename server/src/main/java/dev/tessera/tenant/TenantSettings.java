package dev.tessera.tenant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's settings, resolved once and passed down; code never reads global config.
 * Spec: CONTRACT §7 (names); {@code defaultAudience} null means the tenant's issuer.
 */
public record TenantSettings(
        String displayName,
        int accessTokenTtlSeconds,
        int refreshTokenIdleTtlSeconds,
        int refreshTokenMaxTtlSeconds,
        String defaultAudience,
        String accessTokenFormat,
        String signingAlgorithm,
        int revocationStalenessSeconds,
        int sessionIdleTtlSeconds,
        int sessionMaxTtlSeconds) {

    public static final Set<String> FORMATS = Set.of("opaque", "jwt");
    public static final Set<String> ALGORITHMS = Set.of("ES256", "RS256", "EdDSA");
    private static final Set<String> KEYS = Set.of("displayName", "accessTokenTtlSeconds",
            "refreshTokenIdleTtlSeconds", "refreshTokenMaxTtlSeconds", "defaultAudience",
            "accessTokenFormat", "signingAlgorithm", "revocationStalenessSeconds", "sessionIdleTtlSeconds",
            "sessionMaxTtlSeconds");

    public TenantSettings {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw invalid("displayName must be a non-empty string of at most 200 characters");
        }
        range("accessTokenTtlSeconds", accessTokenTtlSeconds, 10, 86_400);
        range("refreshTokenIdleTtlSeconds", refreshTokenIdleTtlSeconds, 60, 31_536_000);
        range("refreshTokenMaxTtlSeconds", refreshTokenMaxTtlSeconds, 60, 31_536_000);
        if (refreshTokenIdleTtlSeconds > refreshTokenMaxTtlSeconds) {
            throw invalid("refreshTokenIdleTtlSeconds must not exceed refreshTokenMaxTtlSeconds");
        }
        if (defaultAudience != null && (defaultAudience.isBlank() || defaultAudience.length() > 500)) {
            throw invalid("defaultAudience must be a non-empty string of at most 500 characters");
        }
        if (!FORMATS.contains(accessTokenFormat)) {
            throw invalid("accessTokenFormat must be \"opaque\" or \"jwt\"");
        }
        if (!ALGORITHMS.contains(signingAlgorithm)) {
            throw invalid("signingAlgorithm must be one of ES256, RS256, EdDSA");
        }
        range("revocationStalenessSeconds", revocationStalenessSeconds, 0, 3600);
        range("sessionIdleTtlSeconds", sessionIdleTtlSeconds, 60, 2_592_000);
        range("sessionMaxTtlSeconds", sessionMaxTtlSeconds, 60, 31_536_000);
        if (sessionIdleTtlSeconds > sessionMaxTtlSeconds) {
            throw invalid("sessionIdleTtlSeconds must not exceed sessionMaxTtlSeconds");
        }
    }

    public static TenantSettings defaults(String displayName) {
        return new TenantSettings(displayName, TenantDefaults.ACCESS_TOKEN_TTL_SECONDS,
                TenantDefaults.REFRESH_TOKEN_IDLE_TTL_SECONDS, TenantDefaults.REFRESH_TOKEN_MAX_TTL_SECONDS,
                null, TenantDefaults.ACCESS_TOKEN_FORMAT, TenantDefaults.SIGNING_ALGORITHM,
                TenantDefaults.REVOCATION_STALENESS_SECONDS, TenantDefaults.SESSION_IDLE_TTL_SECONDS,
                TenantDefaults.SESSION_MAX_TTL_SECONDS);
    }

    /** Builds settings from a PUT body: absent members take their defaults; unknown members are refused. */
    public static TenantSettings fromJson(Map<String, Object> json) {
        for (String key : json.keySet()) {
            if (!KEYS.contains(key)) {
                throw invalid("Unknown setting '" + key + "'");
            }
        }
        return new TenantSettings(
                string(json, "displayName", null),
                integer(json, "accessTokenTtlSeconds", TenantDefaults.ACCESS_TOKEN_TTL_SECONDS),
                integer(json, "refreshTokenIdleTtlSeconds", TenantDefaults.REFRESH_TOKEN_IDLE_TTL_SECONDS),
                integer(json, "refreshTokenMaxTtlSeconds", TenantDefaults.REFRESH_TOKEN_MAX_TTL_SECONDS),
                string(json, "defaultAudience", null),
                string(json, "accessTokenFormat", TenantDefaults.ACCESS_TOKEN_FORMAT),
                string(json, "signingAlgorithm", TenantDefaults.SIGNING_ALGORITHM),
                integer(json, "revocationStalenessSeconds", TenantDefaults.REVOCATION_STALENESS_SECONDS),
                integer(json, "sessionIdleTtlSeconds", TenantDefaults.SESSION_IDLE_TTL_SECONDS),
                integer(json, "sessionMaxTtlSeconds", TenantDefaults.SESSION_MAX_TTL_SECONDS));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("displayName", displayName);
        m.put("accessTokenTtlSeconds", accessTokenTtlSeconds);
        m.put("refreshTokenIdleTtlSeconds", refreshTokenIdleTtlSeconds);
        m.put("refreshTokenMaxTtlSeconds", refreshTokenMaxTtlSeconds);
        m.put("defaultAudience", defaultAudience);
        m.put("accessTokenFormat", accessTokenFormat);
        m.put("signingAlgorithm", signingAlgorithm);
        m.put("revocationStalenessSeconds", revocationStalenessSeconds);
        m.put("sessionIdleTtlSeconds", sessionIdleTtlSeconds);
        m.put("sessionMaxTtlSeconds", sessionMaxTtlSeconds);
        return m;
    }

    private static String string(Map<String, Object> json, String key, String dflt) {
        Object v = json.get(key);
        if (v == null) return dflt;
        if (!(v instanceof String s)) throw invalid(key + " must be a string");
        return s;
    }

    private static int integer(Map<String, Object> json, String key, int dflt) {
        Object v = json.get(key);
        if (v == null) return dflt;
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            long l = ((Number) v).longValue();
            if (v instanceof java.math.BigInteger b && b.bitLength() > 62) throw invalid(key + " is out of range");
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw invalid(key + " is out of range");
            return (int) l;
        }
        throw invalid(key + " must be an integer");
    }

    private static void range(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw invalid(name + " must be between " + min + " and " + max);
        }
    }

    private static OAuthException invalid(String message) {
        return new OAuthException(ErrorCode.INVALID_REQUEST, message);
    }
}
