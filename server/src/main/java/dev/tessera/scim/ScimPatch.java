package dev.tessera.scim;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed PATCH request and its application to a stored resource. The result is a plain resource
 * map that {@link UserResource#parse} then validates like a PUT body, so PATCH can never store what
 * PUT would refuse.
 * Spec: RFC 7644 §3.5.2 (add §3.5.2.1, remove §3.5.2.2, replace §3.5.2.3).
 */
public record ScimPatch(List<Operation> operations) {
    public static final int MAX_OPERATIONS = 100;

    public enum Type { ADD, REPLACE, REMOVE }

    /** One operation; {@code path} null when the request had none; {@code value} null when absent. */
    public record Operation(Type type, ScimPath path, Object value) {}

    /** The patched resource; {@code passwordRemoved} when an operation removed the write-only password. */
    public record Result(Map<String, Object> resource, boolean passwordRemoved) {}

    public ScimPatch {
        operations = List.copyOf(operations);
    }

    /** Parses the PatchOp message; {@code knownUrns} are the extension URNs of the target resource. */
    public static ScimPatch parse(Map<String, Object> body, Set<String> knownUrns) {
        Object schemas = UserResource.member(body, "schemas");
        if (!(schemas instanceof List<?> l) || l.stream().noneMatch(ScimSchemas.PATCH_OP::equals)) {
            throw new OAuthException(ErrorCode.SCIM_INVALID_SYNTAX, "schemas must be [\"" + ScimSchemas.PATCH_OP + "\"]");
        }
        Object ops = UserResource.member(body, "Operations");
        if (!(ops instanceof List<?> list) || list.isEmpty()) {
            throw new OAuthException(ErrorCode.SCIM_INVALID_SYNTAX, "Operations must be a non-empty array");
        }
        if (list.size() > MAX_OPERATIONS) {
            throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, "A PATCH request may hold at most " + MAX_OPERATIONS + " operations");
        }
        Set<String> urns = new LinkedHashSet<>(knownUrns);
        List<Operation> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> raw)) throw new OAuthException(ErrorCode.SCIM_INVALID_SYNTAX, "Each operation must be an object");
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) raw;
            for (String k : m.keySet()) {
                if (!k.equalsIgnoreCase("op") && !k.equalsIgnoreCase("path") && !k.equalsIgnoreCase("value")) {
                    throw new OAuthException(ErrorCode.SCIM_INVALID_SYNTAX, "Unknown operation member '" + clip(k) + "'");
                }
            }
            Type type = type(UserResource.member(m, "op"));
            Object p = UserResource.member(m, "path");
            if (p != null && !(p instanceof String)) throw ScimPath.invalid("path must be a string");
            Object value = UserResource.member(m, "value");
            if (value instanceof Map<?, ?> v) {
                for (Map.Entry<?, ?> e : v.entrySet()) if (isExtensionKey((String) e.getKey(), e.getValue(), urns)) urns.add((String) e.getKey());
            }
            ScimPath path = p == null ? null : ScimPath.parse((String) p, urns);
            if (type == Type.REMOVE && path == null) {
                throw new OAuthException(ErrorCode.SCIM_NO_TARGET, "A remove operation needs a path");
            }
            if (type != Type.REMOVE && value == null) {
                throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, "An " + type.name().toLowerCase(Locale.ROOT)
                        + " operation needs a value");
            }
            if (path == null && !(value instanceof Map<?, ?>)) {
                throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, "Without a path, value must be an object of attributes");
            }
            out.add(new Operation(type, path, value));
        }
        return new ScimPatch(out);
    }

    private static Type type(Object op) {
        if (op instanceof String s) {
            for (Type t : Type.values()) if (t.name().equalsIgnoreCase(s)) return t;
        }
        throw new OAuthException(ErrorCode.SCIM_INVALID_SYNTAX, "op must be \"add\", \"replace\" or \"remove\"");
    }

    /** Applies every operation, in order, to a copy of {@code resource}. */
    public Result apply(Map<String, Object> resource) {
        Map<String, Object> r = Json.copyObject(resource);
        boolean passwordRemoved = false;
        Set<String> urns = new LinkedHashSet<>(UserResource.extensionUrns(r));
        for (Operation op : operations) {
            if (op.path() != null) {
                passwordRemoved |= op.type() == Type.REMOVE && op.path().urn() == null
                        && "password".equalsIgnoreCase(op.path().attribute());
                new PatchTarget(r, op.type(), op.path()).apply(Json.copy(op.value()));
                continue;
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) op.value()).entrySet()) {
                String key = (String) e.getKey();
                if (ScimSchemas.USER.equalsIgnoreCase(key) && e.getValue() instanceof Map<?, ?> core) {
                    for (Map.Entry<?, ?> c : core.entrySet()) {
                        new PatchTarget(r, op.type(), ScimPath.parse((String) c.getKey(), urns)).apply(Json.copy(c.getValue()));
                    }
                    continue;
                }
                if (isExtensionKey(key, e.getValue(), urns)) urns.add(key);
                new PatchTarget(r, op.type(), ScimPath.parse(key, urns)).apply(Json.copy(e.getValue()));
            }
        }
        Json.prune(r);
        UserResource.listExtensions(r);
        return new Result(r, passwordRemoved);
    }

    /** A URN key whose value is an object and which no known URN prefixes: an extension schema's object. */
    private static boolean isExtensionKey(String key, Object value, Set<String> urns) {
        if (!ScimSchemas.isUrn(key) || !(value instanceof Map<?, ?>)) return false;
        List<String> known = new ArrayList<>(urns);
        known.add(ScimSchemas.USER);
        known.add(ScimSchemas.ENTERPRISE_USER);
        return known.stream().noneMatch(u -> key.length() > u.length() && key.regionMatches(true, 0, u + ":", 0, u.length() + 1));
    }

    private static String clip(String v) {
        return v.length() > 64 ? v.substring(0, 64) + "…" : v;
    }

    static OAuthException noTarget(String detail) {
        return new OAuthException(ErrorCode.SCIM_NO_TARGET, detail);
    }

    static OAuthException mutability(String attribute) {
        return new OAuthException(ErrorCode.SCIM_MUTABILITY, "Attribute '" + attribute + "' is readOnly");
    }

    static Map<String, Object> mapOf(Map<String, Object> container, String key, boolean create) {
        Object existing = container.get(key);
        if (existing instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) existing;
            return m;
        }
        if (!create) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        container.put(key, m);
        return m;
    }
}
