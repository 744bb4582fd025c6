package dev.tessera.scim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code attributes} and {@code excludedAttributes} parameters: which attributes a response
 * carries. {@code id} and {@code schemas} are always returned. Names may carry a schema URN and
 * one sub-attribute ({@code name.givenName}); unknown names select nothing.
 * Spec: RFC 7644 §3.4.2.5, §3.9.
 */
public record AttributeSelection(List<String> attributes, List<String> excluded) {
    public static final int MAX_NAMES = 64;
    public static final AttributeSelection ALL = new AttributeSelection(List.of(), List.of());

    public AttributeSelection {
        attributes = List.copyOf(attributes);
        excluded = List.copyOf(excluded);
    }

    /** Parses the two comma-separated parameters (either may be null). */
    public static AttributeSelection parse(String attributes, String excluded) {
        return new AttributeSelection(names(attributes), names(excluded));
    }

    private static List<String> names(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) return out;
        for (String n : raw.split(",")) {
            String t = n.trim();
            if (!t.isEmpty() && out.size() < MAX_NAMES) out.add(t);
        }
        return out;
    }

    /** The selected view of a rendered resource. */
    public Map<String, Object> apply(Map<String, Object> resource) {
        if (!attributes.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("schemas", resource.get("schemas"));
            out.put("id", resource.get("id"));
            for (String a : attributes) copy(resource, out, a);
            return out;
        }
        if (excluded.isEmpty()) return resource;
        @SuppressWarnings("unchecked") Map<String, Object> out = (Map<String, Object>) Json.copy(resource);
        for (String a : excluded) remove(out, a);
        return out;
    }

    private static void copy(Map<String, Object> src, Map<String, Object> dst, String name) {
        String ext = PatchTarget.existingKey(src, name);
        if (ScimSchemas.isUrn(name) && src.containsKey(ext)) {
            dst.put(ext, src.get(ext));
            return;
        }
        ScimFilter.AttributePath p = ScimFilter.AttributePath.parse(name);
        if (p == null) return;
        Map<String, Object> from = container(src, p);
        if (from == null) return;
        Map<String, Object> to = from == src ? dst : child(dst, PatchTarget.existingKey(src, p.urn()));
        String key = PatchTarget.existingKey(from, p.name());
        Object v = from.get(key);
        if (v == null || key.equals("id") || key.equals("schemas")) return;
        if (p.subAttribute() == null) {
            to.put(key, v);
        } else if (v instanceof Map<?, ?> m) {
            Object s = lookup(m, p.subAttribute());
            if (s != null) child(to, key).put(p.subAttribute(), s);
        } else if (v instanceof List<?> list) {
            List<Object> selected = new ArrayList<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && lookup(m, p.subAttribute()) != null) {
                    selected.add(Map.of(p.subAttribute(), lookup(m, p.subAttribute())));
                }
            }
            if (!selected.isEmpty()) to.put(key, selected);
        }
    }

    private static void remove(Map<String, Object> out, String name) {
        String ext = PatchTarget.existingKey(out, name);
        if (ScimSchemas.isUrn(name) && out.containsKey(ext)) {
            out.remove(ext);
            return;
        }
        ScimFilter.AttributePath p = ScimFilter.AttributePath.parse(name);
        if (p == null) return;
        Map<String, Object> from = container(out, p);
        if (from == null) return;
        String key = PatchTarget.existingKey(from, p.name());
        if (from == out && (key.equals("id") || key.equals("schemas"))) return;
        if (p.subAttribute() == null) {
            from.remove(key);
        } else if (from.get(key) instanceof Map<?, ?> m) {
            m.keySet().removeIf(k -> k instanceof String s && s.equalsIgnoreCase(p.subAttribute()));
        } else if (from.get(key) instanceof List<?> list) {
            for (Object o : list) if (o instanceof Map<?, ?> m) m.keySet().removeIf(k -> k instanceof String s && s.equalsIgnoreCase(p.subAttribute()));
        }
    }

    /** The resource itself for core names, the extension object for URN-qualified ones, else null. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> resource, ScimFilter.AttributePath p) {
        if (p.urn() == null || p.urn().equalsIgnoreCase(ScimSchemas.USER)) return resource;
        Object ext = resource.get(PatchTarget.existingKey(resource, p.urn()));
        return ext instanceof Map<?, ?> ? (Map<String, Object>) ext : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> m, String key) {
        Object existing = m.get(key);
        if (existing instanceof Map<?, ?>) return (Map<String, Object>) existing;
        Map<String, Object> c = new LinkedHashMap<>();
        m.put(key, c);
        return c;
    }

    private static Object lookup(Map<?, ?> m, String name) {
        for (Map.Entry<?, ?> e : m.entrySet()) if (e.getKey() instanceof String k && k.equalsIgnoreCase(name)) return e.getValue();
        return null;
    }
}
