package dev.tessera.scim;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.user.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SCIM User resource ⇄ {@link User}: validation and canonical spelling of request bodies
 * (attribute names are case-insensitive, readOnly values are ignored, {@code password} is taken out)
 * and the representation returned to clients (with {@code id} and {@code meta}, never the password).
 * Extension objects named in {@code schemas} are kept: the enterprise one checked against its
 * schema, any other as given.
 * Spec: RFC 7643 §2–4, §3.1 (common attributes), §4.3 (enterprise extension); RFC 7644 §3.3, §3.5.1.
 */
public final class UserResource {
    public static final int MAX_USER_NAME = 256;
    public static final int MAX_STRING = 2048;
    public static final int MAX_VALUES = 100;
    public static final int MAX_SCHEMAS = 20;
    public static final int MAX_RESOURCE_CHARS = 60_000;

    /** A validated body. {@code id} is the raw {@code id} member if one was sent (readOnly, for the caller to check). */
    public record Parsed(Object id, String userName, String externalId, boolean active, String password,
                         Map<String, Object> resource) {}

    private UserResource() {}

    public static Parsed parse(Map<String, Object> body) {
        return new Reader().read(body);
    }

    /** The resource as returned: stored attributes plus {@code id}, indexed columns and {@code meta}. */
    public static Map<String, Object> render(User u, String location) {
        Map<String, Object> r = u.resource();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schemas", r.get("schemas") instanceof List<?> l ? l : List.of(ScimSchemas.USER));
        out.put("id", u.id().value());
        if (u.externalId() != null) out.put("externalId", u.externalId());
        out.put("userName", u.userName());
        for (Map.Entry<String, Object> e : r.entrySet()) {
            if (!Set.of("schemas", "id", "externalId", "userName", "active", "meta", "password").contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        out.put("active", u.active());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceType", "User");
        meta.put("created", u.createdAt().toString());
        meta.put("lastModified", u.updatedAt().toString());
        meta.put("location", location);
        meta.put("version", ETags.of(u.version()));
        out.put("meta", meta);
        return out;
    }

    /** The extension URNs the resource lists in {@code schemas}. */
    public static Set<String> extensionUrns(Map<String, Object> resource) {
        Set<String> out = new LinkedHashSet<>();
        if (resource.get("schemas") instanceof List<?> l) {
            for (Object o : l) if (o instanceof String s && !s.equalsIgnoreCase(ScimSchemas.USER)) out.add(s);
        }
        return out;
    }

    /** Lists in {@code schemas} every extension object the resource holds (after a PATCH added one). */
    static void listExtensions(Map<String, Object> r) {
        List<Object> schemas = r.get("schemas") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(ScimSchemas.USER));
        for (String k : r.keySet()) {
            if (ScimSchemas.isUrn(k) && schemas.stream().noneMatch(s -> s instanceof String x && x.equalsIgnoreCase(k))) schemas.add(k);
        }
        r.put("schemas", schemas);
    }

    /** A member looked up case-insensitively (RFC 7643 §2.1). */
    static Object member(Map<String, ?> m, String name) {
        for (Map.Entry<String, ?> e : m.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return null;
    }

    /** Reads one body; holds the members that do not go into the stored resource. */
    private static final class Reader {
        private final Map<String, Object> out = new LinkedHashMap<>();
        private final Set<String> seen = new HashSet<>();
        private Object id;
        private String password;

        Parsed read(Map<String, Object> body) {
            List<String> schemas = schemas(UserResource.member(body, "schemas"));
            for (Map.Entry<String, Object> e : body.entrySet()) {
                String k = e.getKey();
                Object v = e.getValue();
                if (k.equalsIgnoreCase("schemas")) continue;
                if (!k.regionMatches(true, 0, "urn:", 0, 4)) {
                    core(k, v);
                } else if (k.equalsIgnoreCase(ScimSchemas.USER)) {
                    if (!(v instanceof Map<?, ?> m)) throw invalidValue("The value of '" + ScimSchemas.USER + "' must be an object");
                    for (Map.Entry<?, ?> c : m.entrySet()) core((String) c.getKey(), c.getValue());
                } else if (k.regionMatches(true, 0, ScimSchemas.USER + ":", 0, ScimSchemas.USER.length() + 1)) {
                    core(k.substring(ScimSchemas.USER.length() + 1), v);
                } else {
                    extension(schemas, k, v);
                }
            }
            Object userName = out.get("userName");
            if (!(userName instanceof String u) || u.isBlank()) throw invalidValue("userName is required");
            if (u.length() > MAX_USER_NAME || u.chars().anyMatch(Character::isISOControl)) {
                throw invalidValue("userName must have at most " + MAX_USER_NAME + " characters and no control characters");
            }
            Object externalId = out.get("externalId");
            if (externalId instanceof String x && x.length() > MAX_USER_NAME) {
                throw invalidValue("externalId must have at most " + MAX_USER_NAME + " characters");
            }
            boolean active = !Boolean.FALSE.equals(out.get("active"));
            out.put("active", active);
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("schemas", schemas);
            resource.putAll(out);
            if (Json.write(resource).length() > MAX_RESOURCE_CHARS) {
                throw new OAuthException(ErrorCode.PAYLOAD_TOO_LARGE, "The user resource is larger than "
                        + MAX_RESOURCE_CHARS + " characters");
            }
            return new Parsed(id, u, (String) externalId, active, password, resource);
        }

        private static List<String> schemas(Object raw) {
            if (!(raw instanceof List<?> list) || list.isEmpty()) throw Json.syntax("schemas must list \"" + ScimSchemas.USER + "\"");
            if (list.size() > MAX_SCHEMAS) throw Json.syntax("schemas lists more than " + MAX_SCHEMAS + " URNs");
            List<String> out = new ArrayList<>();
            out.add(ScimSchemas.USER);
            boolean core = false;
            for (Object o : list) {
                if (!(o instanceof String s) || !ScimSchemas.isUrn(s)) throw Json.syntax("schemas must hold schema URNs");
                String c = ScimSchemas.canonicalUrn(s);
                if (c.equals(ScimSchemas.USER)) core = true;
                else if (out.stream().noneMatch(c::equalsIgnoreCase)) out.add(c);
            }
            if (!core) throw Json.syntax("schemas must list \"" + ScimSchemas.USER + "\"");
            return out;
        }

        private void core(String name, Object v) {
            ScimAttribute def = ScimSchemas.userAttribute(name);
            if (def == null) {
                throw invalidValue("Unknown attribute '" + clip(name) + "'; custom attributes belong in an extension schema listed in schemas");
            }
            mark(def.name());
            switch (def.name()) {
                case "id" -> id = v;
                case "password" -> {
                    if (v != null && !(v instanceof String)) throw invalidValue("password must be a string");
                    password = (String) v;
                }
                default -> {
                    if (def.isReadOnly()) return;  // RFC 7644 §3.3, §3.5.1: readOnly values are ignored
                    Object value = value(def, def.name(), v);
                    if (value != null) out.put(def.name(), value);
                }
            }
        }

        private void extension(List<String> schemas, String k, Object v) {
            String urn = schemas.stream().filter(k::equalsIgnoreCase).findFirst()
                    .orElseThrow(() -> invalidValue("The extension '" + clip(k) + "' is not listed in schemas"));
            mark(urn);
            if (v == null) return;
            if (!(v instanceof Map<?, ?> m)) throw invalidValue("The extension '" + urn + "' must be an object");
            Map<String, Object> ext;
            if (urn.equals(ScimSchemas.ENTERPRISE_USER)) {
                ScimAttribute whole = ScimAttribute.complex(urn).sub(ScimSchemas.ENTERPRISE_ATTRIBUTES.toArray(ScimAttribute[]::new));
                @SuppressWarnings("unchecked") Map<String, Object> checked = (Map<String, Object>) single(whole, urn, m);
                ext = checked;
            } else {
                ext = Json.copyObject(m);
                Json.prune(ext);
            }
            if (ext != null && !ext.isEmpty()) out.put(urn, ext);
        }

        private void mark(String canonical) {
            if (!seen.add(canonical.toLowerCase(Locale.ROOT))) throw Json.syntax("Attribute '" + canonical + "' appears more than once");
        }

        private static Object value(ScimAttribute def, String label, Object v) {
            if (v == null) return null;
            if (!def.multiValued()) return single(def, label, v);
            if (!(v instanceof List<?> list)) throw invalidValue(label + " must be an array");
            if (list.size() > MAX_VALUES) throw invalidValue(label + " may hold at most " + MAX_VALUES + " values");
            List<Object> out = new ArrayList<>();
            int primaries = 0;
            for (Object item : list) {
                Object x = single(def, label, item);
                if (x == null) continue;
                if (x instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("primary"))) primaries++;
                if (!out.contains(x)) out.add(x);
            }
            if (primaries > 1) throw invalidValue("At most one value of " + label + " may be primary");
            return out.isEmpty() ? null : out;
        }

        private static Object single(ScimAttribute def, String label, Object v) {
            if (v == null) return null;
            switch (def.type()) {
                case COMPLEX -> {
                    if (!(v instanceof Map<?, ?> m)) throw invalidValue(label + " must be an object");
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        ScimAttribute sub = def.subAttribute((String) e.getKey());
                        if (sub == null) throw invalidValue("Unknown attribute '" + clip(label + "." + e.getKey()) + "'");
                        if (out.containsKey(sub.name())) throw Json.syntax("Attribute '" + label + "." + sub.name() + "' appears more than once");
                        if (sub.isReadOnly()) continue;
                        Object x = single(sub, label + "." + sub.name(), e.getValue());
                        if (x != null) out.put(sub.name(), x);
                    }
                    return out.isEmpty() ? null : out;
                }
                case BOOLEAN -> {
                    if (v instanceof Boolean) return v;
                    // Some provisioning clients send booleans as strings ("False"); accept exactly those two words.
                    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.valueOf(s);
                    throw invalidValue(label + " must be true or false");
                }
                case INTEGER, DECIMAL -> {
                    if (v instanceof Number) return v;
                    throw invalidValue(label + " must be a number");
                }
                default -> {
                    if (!(v instanceof String s)) throw invalidValue(label + " must be a string");
                    if (s.length() > MAX_STRING) throw invalidValue(label + " must have at most " + MAX_STRING + " characters");
                    return s;
                }
            }
        }
    }

    private static String clip(String v) {
        return v.length() > 64 ? v.substring(0, 64) + "…" : v;
    }

    static OAuthException invalidValue(String detail) {
        return new OAuthException(ErrorCode.SCIM_INVALID_VALUE, detail);
    }
}
