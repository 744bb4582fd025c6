package dev.tessera.scim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2). Search filters become a {@code user.UserFilter}; value
 * filters of PATCH paths ({@code emails[type eq "work"]}) are evaluated here, against one element.
 */
public sealed interface ScimFilter {
    enum Op { EQ, NE, CO, SW, EW, PR, GT, GE, LT, LE }

    /** {@code [urn ":"] name ["." subAttribute]}; {@code urn} null when none was given. */
    record AttributePath(String urn, String name, String subAttribute) {
        private static final Pattern NAME = Pattern.compile("[A-Za-z$][A-Za-z0-9_$-]{0,127}");

        /** Parses an attribute path; null if it is not one. */
        static AttributePath parse(String s) {
            String urn = null;
            String rest = s;
            if (s.regionMatches(true, 0, "urn:", 0, 4)) {
                int colon = s.lastIndexOf(':');
                urn = s.substring(0, colon);
                rest = s.substring(colon + 1);
                if (!ScimSchemas.isUrn(urn)) return null;
            }
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String sub = dot < 0 ? null : rest.substring(dot + 1);
            if (!NAME.matcher(name).matches() || (sub != null && !NAME.matcher(sub).matches())) return null;
            return new AttributePath(urn, name, sub);
        }

        /** True if the path names core attribute {@code n} (with or without the core schema URN). */
        public boolean isCore(String n) {
            return (urn == null || urn.equalsIgnoreCase(ScimSchemas.USER)) && name.equalsIgnoreCase(n);
        }

        @Override
        public String toString() {
            return (urn == null ? "" : urn + ":") + name + (subAttribute == null ? "" : "." + subAttribute);
        }
    }

    /** {@code value} is a String, Boolean, BigDecimal or null (the JSON literal null); null for {@code pr}. */
    record Compare(AttributePath path, Op op, Object value) implements ScimFilter {}

    /** {@code path[filter]}: a filter on the elements of a multi-valued attribute. */
    record ValuePath(AttributePath path, ScimFilter filter) implements ScimFilter {}

    record And(ScimFilter left, ScimFilter right) implements ScimFilter {}

    record Or(ScimFilter left, ScimFilter right) implements ScimFilter {}

    record Not(ScimFilter inner) implements ScimFilter {}

    /** Evaluates this filter against one element of a multi-valued complex attribute (sub-attribute names). */
    default boolean matches(Map<?, ?> element) {
        if (this instanceof And a) return a.left().matches(element) && a.right().matches(element);
        if (this instanceof Or o) return o.left().matches(element) || o.right().matches(element);
        if (this instanceof Not n) return !n.inner().matches(element);
        if (this instanceof ValuePath) return false;
        Compare c = (Compare) this;
        Object actual = lookup(element, c.path().name());
        if (c.path().subAttribute() != null) {
            actual = actual instanceof Map<?, ?> m ? lookup(m, c.path().subAttribute()) : null;
        }
        if (actual instanceof List<?> list) return list.stream().anyMatch(x -> compare(x, c.op(), c.value()));
        return compare(actual, c.op(), c.value());
    }

    private static Object lookup(Map<?, ?> m, String name) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() instanceof String k && k.equalsIgnoreCase(name)) return e.getValue();
        }
        return null;
    }

    /** String comparisons ignore case (RFC 7644 §3.4.2.2 for caseExact=false sub-attributes such as value and type). */
    private static boolean compare(Object actual, Op op, Object expected) {
        if (op == Op.PR) return actual != null && !(actual instanceof String s && s.isEmpty());
        if (expected == null) return op == Op.EQ ? actual == null : op == Op.NE && actual != null;
        if (actual == null) return op == Op.NE;
        if (expected instanceof String e && actual instanceof String a) {
            String x = a.toLowerCase(Locale.ROOT);
            String y = e.toLowerCase(Locale.ROOT);
            return switch (op) {
                case EQ -> x.equals(y);
                case NE -> !x.equals(y);
                case CO -> x.contains(y);
                case SW -> x.startsWith(y);
                case EW -> x.endsWith(y);
                case GT -> x.compareTo(y) > 0;
                case GE -> x.compareTo(y) >= 0;
                case LT -> x.compareTo(y) < 0;
                case LE -> x.compareTo(y) <= 0;
                default -> false;
            };
        }
        if (expected instanceof Boolean e && actual instanceof Boolean a) {
            return op == Op.EQ ? a.equals(e) : op == Op.NE && !a.equals(e);
        }
        if (expected instanceof BigDecimal e && actual instanceof Number a) {
            int cmp;
            try {
                cmp = new BigDecimal(a.toString()).compareTo(e);
            } catch (NumberFormatException ex) {
                return false;
            }
            return switch (op) {
                case EQ -> cmp == 0;
                case NE -> cmp != 0;
                case GT -> cmp > 0;
                case GE -> cmp >= 0;
                case LT -> cmp < 0;
                case LE -> cmp <= 0;
                default -> false;
            };
        }
        return op == Op.NE;
    }
}
