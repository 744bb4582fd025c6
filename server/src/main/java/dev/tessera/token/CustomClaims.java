package dev.tessera.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims an access token carries beyond Tessera's own, contributed by {@link ClaimsCustomizer}s:
 * JSON values (strings, numbers, booleans, lists and objects of them) under names no RFC 9068,
 * RFC 7662 or Tessera claim uses. They travel with the token in every form: the JWT, the stored row
 * of an opaque token, introspection and the phantom token's JWT form. Spec: RFC 9068 §2.2.3.
 */
public record CustomClaims(Map<String, Object> values) {
    public static final CustomClaims NONE = new CustomClaims(Map.of());
    /** Names of claims Tessera sets itself, and RFC 7662 §2.2 members: a customizer cannot replace them. */
    public static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope",
            "tenant_id", "cnf", "act", "may_act", "auth_time", "acr", "amr", "sid", "azp", "nonce", "at_hash", "active",
            "token_type", "username", "typ", JwtAccessTokens.FORM_OF_OPAQUE);
    /** Bounds what one token may carry, so a customizer cannot make a stored row or a header unbounded. */
    public static final int MAX_JSON_LENGTH = 4096;

    public CustomClaims {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The claims as one JSON object, or null when there are none (the stored form). */
    public String toJson() {
        return values.isEmpty() ? null : JSONObjectUtils.toJSONString(values);
    }

    public static CustomClaims fromJson(String json) {
        if (json == null || json.isEmpty()) return NONE;
        try {
            return new CustomClaims(JSONObjectUtils.parse(json));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("stored custom claims are not JSON", e);
        }
    }

    /** The non-reserved claims of a JWT claim set (a JWT access token read back). */
    public static CustomClaims of(Map<String, Object> jwtClaims) {
        Map<String, Object> out = new LinkedHashMap<>();
        jwtClaims.forEach((k, v) -> {
            if (!RESERVED.contains(k)) out.put(k, v);
        });
        return out.isEmpty() ? NONE : new CustomClaims(out);
    }

    /** What a customizer adds to: refuses reserved names and values that are not JSON. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        public Builder put(String name, Object value) {
            if (name == null || name.isEmpty() || RESERVED.contains(name)) {
                throw new IllegalArgumentException("claim name is reserved or empty: " + name);
            }
            if (!isJson(value)) throw new IllegalArgumentException("claim " + name + " is not a JSON value");
            values.put(name, value);
            return this;
        }

        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        public boolean has(String name) {
            return values.containsKey(name);
        }

        CustomClaims build() {
            if (values.isEmpty()) return NONE;
            CustomClaims c = new CustomClaims(values);
            if (c.toJson().length() > MAX_JSON_LENGTH) {
                throw new IllegalStateException("custom claims exceed " + MAX_JSON_LENGTH + " characters of JSON");
            }
            return c;
        }

        private static boolean isJson(Object v) {
            if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                    || v instanceof Double) {
                return true;
            }
            if (v instanceof List<?> l) return l.stream().allMatch(Builder::isJson);
            if (v instanceof Map<?, ?> m) {
                return m.entrySet().stream().allMatch(e -> e.getKey() instanceof String && isJson(e.getValue()));
            }
            return false;
        }
    }
}
