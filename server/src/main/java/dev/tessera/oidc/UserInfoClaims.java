package dev.tessera.oidc;

import dev.tessera.protocol.Scope;
import dev.tessera.user.User;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps a SCIM user to the standard claims of the granted scopes. Spec: OIDC Core §5.1, §5.4; RFC 7643 §4.1. */
public final class UserInfoClaims {
    private UserInfoClaims() {}

    public static Map<String, Object> of(User u, Scope scope) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", u.id().value());
        Map<String, Object> r = u.resource();
        if (scope.contains("profile")) {
            Map<?, ?> name = r.get("name") instanceof Map<?, ?> m ? m : Map.of();
            put(c, "name", name.get("formatted") != null ? name.get("formatted") : joined(name.get("givenName"), name.get("familyName")));
            put(c, "given_name", name.get("givenName"));
            put(c, "family_name", name.get("familyName"));
            put(c, "middle_name", name.get("middleName"));
            put(c, "nickname", r.get("nickName"));
            put(c, "preferred_username", u.userName());
            put(c, "profile", r.get("profileUrl"));
            put(c, "picture", first(r.get("photos"), "value"));
            put(c, "locale", r.get("locale"));
            put(c, "zoneinfo", r.get("timezone"));
            c.put("updated_at", u.updatedAt().getEpochSecond());
        }
        if (scope.contains("email")) {
            Object email = first(r.get("emails"), "value");
            if (email != null) {
                c.put("email", email);
                c.put("email_verified", false);
            }
        }
        if (scope.contains("phone")) {
            Object phone = first(r.get("phoneNumbers"), "value");
            if (phone != null) {
                c.put("phone_number", phone);
                c.put("phone_number_verified", false);
            }
        }
        if (scope.contains("address") && firstItem(r.get("addresses")) instanceof Map<?, ?> a) {
            Map<String, Object> addr = new LinkedHashMap<>();
            put(addr, "formatted", a.get("formatted"));
            put(addr, "street_address", a.get("streetAddress"));
            put(addr, "locality", a.get("locality"));
            put(addr, "region", a.get("region"));
            put(addr, "postal_code", a.get("postalCode"));
            put(addr, "country", a.get("country"));
            if (!addr.isEmpty()) c.put("address", addr);
        }
        return c;
    }

    /** The primary item of a SCIM multi-valued attribute, else the first. */
    static Object firstItem(Object multi) {
        if (!(multi instanceof List<?> list) || list.isEmpty()) return null;
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("primary"))) return o;
        }
        return list.get(0);
    }

    private static Object first(Object multi, String member) {
        return firstItem(multi) instanceof Map<?, ?> m ? m.get(member) : null;
    }

    private static Object joined(Object a, Object b) {
        String s = ((a == null ? "" : a + " ") + (b == null ? "" : b)).trim();
        return s.isEmpty() ? null : s;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) m.put(k, v);
    }
}
