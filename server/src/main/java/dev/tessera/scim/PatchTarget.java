package dev.tessera.scim;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.scim.ScimPatch.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One PATCH operation applied to the attribute its path names. Attribute names resolve against the
 * User and EnterpriseUser definitions (case-insensitively); other extensions are schemaless.
 * Spec: RFC 7644 §3.5.2.1–§3.5.2.3.
 */
final class PatchTarget {
    private final Map<String, Object> resource;
    private final Type type;
    private final ScimPath path;

    PatchTarget(Map<String, Object> resource, Type type, ScimPath path) {
        this.resource = resource;
        this.type = type;
        this.path = path;
    }

    void apply(Object value) {
        if (type != Type.REMOVE && value == null) {
            // RFC 7643 §2.5: null means unassigned, so setting null removes.
            new PatchTarget(resource, Type.REMOVE, path).apply(null);
            return;
        }
        Map<String, Object> container = resource;
        List<ScimAttribute> schema = ScimSchemas.USER_ATTRIBUTES;
        if (path.urn() != null) {
            String key = existingKey(resource, path.urn());
            if (path.attribute() == null) {
                applyWhole(resource, key, value);
                return;
            }
            container = ScimPatch.mapOf(resource, key, type != Type.REMOVE);
            if (container == null) return;
            schema = ScimSchemas.attributesOf(path.urn());
        }
        ScimAttribute def = null;
        if (schema != null) {
            def = ScimAttribute.find(schema, path.attribute());
            if (def == null && path.urn() == null) def = ScimAttribute.find(ScimSchemas.COMMON, path.attribute());
            if (def == null) throw ScimPath.invalid("Unknown attribute '" + path + "'");
            if (def.isReadOnly()) throw ScimPatch.mutability(def.name());
        }
        String key = def != null ? def.name() : existingKey(container, path.attribute());
        boolean multi = def != null ? def.multiValued() : container.get(key) instanceof List<?> || value instanceof List<?>;
        String sub = null;
        if (path.subAttribute() != null) {
            ScimAttribute subDef = def == null ? null : def.subAttribute(path.subAttribute());
            if (def != null && subDef == null) throw ScimPath.invalid("Unknown attribute '" + path + "'");
            if (subDef != null && subDef.isReadOnly()) throw ScimPatch.mutability(def.name() + "." + subDef.name());
            sub = subDef != null ? subDef.name() : path.subAttribute();
        }
        if (path.filter() != null) {
            if (!multi) throw ScimPath.invalid("A value filter needs a multi-valued attribute, not '" + path.attribute() + "'");
            filtered(container, key, sub, value);
        } else if (sub != null) {
            subAttribute(container, key, sub, multi, value);
        } else {
            plain(container, key, multi, def != null ? def.isComplex() : value instanceof Map<?, ?>, value);
        }
    }

    /** The path is an extension URN alone: the extension object as a whole. */
    private void applyWhole(Map<String, Object> r, String key, Object value) {
        if (type == Type.REMOVE) {
            r.remove(key);
            return;
        }
        if (!(value instanceof Map<?, ?> m)) throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, "The value of '" + key + "' must be an object");
        Map<String, Object> target = ScimPatch.mapOf(r, key, true);
        List<String> urns = List.of(key);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            new PatchTarget(r, type, ScimPath.parse(key + ":" + e.getKey(), urns)).apply(e.getValue());
        }
        if (target.isEmpty()) r.remove(key);
    }

    private void plain(Map<String, Object> c, String key, boolean multi, boolean complex, Object value) {
        if (type == Type.REMOVE) {
            if (multi && value instanceof List<?> items && c.get(key) instanceof List<?> list) {
                // Some clients name the values to remove in "value" (e.g. members); drop those with equal "value".
                list.removeIf(x -> items.stream().anyMatch(i -> i instanceof Map<?, ?> im && x instanceof Map<?, ?> xm
                        && im.get("value") != null && im.get("value").equals(xm.get("value"))));
            } else {
                c.remove(key);
            }
            return;
        }
        if (multi) {
            List<Object> items = value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>(List.of(value));
            List<Object> list = type == Type.ADD ? listOf(c, key) : new ArrayList<>();
            for (Object item : items) if (!list.contains(item)) list.add(item);
            c.put(key, list);
            onePrimary(list, items);
        } else if (complex && value instanceof Map<?, ?> m && c.get(key) instanceof Map<?, ?>) {
            // §3.5.2.1 and §3.5.2.3: sub-attributes not named in the value are left unchanged.
            Map<String, Object> target = ScimPatch.mapOf(c, key, true);
            for (Map.Entry<?, ?> e : m.entrySet()) target.put(existingKey(target, (String) e.getKey()), e.getValue());
        } else {
            c.put(key, value);
        }
    }

    private void subAttribute(Map<String, Object> c, String key, String sub, boolean multi, Object value) {
        if (multi) {
            List<Object> list = listOf(c, key);
            if (list.isEmpty() && type != Type.REMOVE) list.add(new LinkedHashMap<>());
            for (Object o : list) {
                if (o instanceof Map<?, ?>) set(asMap(o), sub, value);
            }
            c.put(key, list);
            return;
        }
        Map<String, Object> m = ScimPatch.mapOf(c, key, type != Type.REMOVE);
        if (m != null) set(m, sub, value);
    }

    private void filtered(Map<String, Object> c, String key, String sub, Object value) {
        List<Object> list = listOf(c, key);
        List<Map<String, Object>> matches = new ArrayList<>();
        for (Object o : list) if (o instanceof Map<?, ?> m && path.filter().matches(m)) matches.add(asMap(o));
        if (type == Type.REMOVE) {
            if (sub == null) list.removeIf(o -> matches.stream().anyMatch(m -> m == o));
            else for (Map<String, Object> m : matches) m.remove(existingKey(m, sub));
            c.put(key, list);
            return;
        }
        List<Object> changed = new ArrayList<>(sub == null || sub.equalsIgnoreCase("primary") ? matches : List.of());
        if (matches.isEmpty()) {
            Map<String, Object> created = type == Type.ADD && sub != null ? fromEqualities(path.filter()) : null;
            if (created == null) throw ScimPatch.noTarget("No value of '" + key + "' matches the filter of '" + path + "'");
            created.put(sub, value);
            list.add(created);
            changed.add(created);
        } else if (sub != null) {
            for (Map<String, Object> m : matches) set(m, sub, value);
        } else {
            if (!(value instanceof Map<?, ?> v)) {
                throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, "The value for '" + path + "' must be an object");
            }
            for (Map<String, Object> m : matches) {
                if (type == Type.REPLACE) m.clear();
                for (Map.Entry<?, ?> e : v.entrySet()) m.put(existingKey(m, (String) e.getKey()), Json.copy(e.getValue()));
            }
        }
        c.put(key, list);
        onePrimary(list, changed);
    }

    private void set(Map<String, Object> m, String sub, Object value) {
        String k = existingKey(m, sub);
        if (type == Type.REMOVE) m.remove(k);
        else m.put(k, value);
    }

    /** {@code type eq "work"} (or a conjunction of such) describes the element an add may create. */
    private static Map<String, Object> fromEqualities(ScimFilter f) {
        if (f instanceof ScimFilter.Compare cmp && cmp.op() == ScimFilter.Op.EQ && cmp.path().urn() == null
                && cmp.path().subAttribute() == null && (cmp.value() instanceof String || cmp.value() instanceof Boolean)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(cmp.path().name(), cmp.value());
            return m;
        }
        if (f instanceof ScimFilter.And a) {
            Map<String, Object> l = fromEqualities(a.left());
            Map<String, Object> r = fromEqualities(a.right());
            if (l == null || r == null) return null;
            l.putAll(r);
            return l;
        }
        return null;
    }

    /** RFC 7644 §3.5.2: setting primary on one value clears it on the others. */
    private static void onePrimary(List<Object> list, List<Object> changed) {
        Object primary = null;
        for (Object o : changed) if (o instanceof Map<?, ?> m && isTrue(m.get("primary"))) primary = o;
        if (primary == null) return;
        for (Object o : list) {
            if (!o.equals(primary) && o instanceof Map<?, ?> m && isTrue(m.get("primary"))) asMap(o).put("primary", false);
        }
    }

    private static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v) || (v instanceof String s && s.equalsIgnoreCase("true"));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Map<String, Object> c, String key) {
        Object existing = c.get(key);
        return existing instanceof List<?> ? (List<Object>) existing : new ArrayList<>();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** The key as stored when one matches case-insensitively (RFC 7643 §2.1), else {@code name}. */
    static String existingKey(Map<String, Object> m, String name) {
        for (String k : m.keySet()) if (k.equalsIgnoreCase(name)) return k;
        return name;
    }
}
