package dev.tessera.tenant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.Map;

/** Reading and checking the flat JSON members of tenant settings (CONTRACT §7); every failure is a 400. */
final class SettingsJson {
    private SettingsJson() {}

    static String string(Map<String, Object> json, String key, String dflt) {
        Object v = json.get(key);
        if (v == null) return dflt;
        if (!(v instanceof String s)) throw invalid(key + " must be a string");
        return s;
    }

    static int integer(Map<String, Object> json, String key, int dflt) {
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

    static void range(String name, int v, int min, int max) {
        if (v < min || v > max) throw invalid(name + " must be between " + min + " and " + max);
    }

    static OAuthException invalid(String message) {
        return new OAuthException(ErrorCode.INVALID_REQUEST, message);
    }
}
