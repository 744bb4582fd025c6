package dev.tessera.scim;

import dev.tessera.scim.ScimFilter.AttributePath;
import dev.tessera.scim.ScimFilter.Op;
import dev.tessera.user.UserFilter;
import dev.tessera.user.UserFilter.Attribute;
import dev.tessera.user.UserFilter.Operator;

/**
 * Turns a SCIM search filter into the {@link UserFilter} the store can index: {@code userName},
 * {@code emails} / {@code emails.value} / {@code emails[value …]}, {@code externalId}, {@code id}
 * (operators eq, ne, co, sw, ew, pr) and {@code active} (eq, ne, pr). Anything else is a 400
 * {@code invalidFilter} naming what is supported.
 * Spec: RFC 7644 §3.4.2.2.
 */
public final class UserSearchFilter {
    static final String SUPPORTED = "filters may use userName, emails.value, externalId and id (eq, ne, co, sw, ew, pr) "
            + "and active (eq, ne, pr)";

    private UserSearchFilter() {}

    /** The store filter for a filter parameter; {@link UserFilter.All} when absent. */
    public static UserFilter parse(String filter) {
        if (filter == null) return new UserFilter.All();
        return convert(ScimFilterParser.parse(filter));
    }

    static UserFilter convert(ScimFilter f) {
        if (f instanceof ScimFilter.And a) return new UserFilter.And(convert(a.left()), convert(a.right()));
        if (f instanceof ScimFilter.Or o) return new UserFilter.Or(convert(o.left()), convert(o.right()));
        if (f instanceof ScimFilter.Not n) return new UserFilter.Not(convert(n.inner()));
        if (f instanceof ScimFilter.ValuePath v) {
            if (!v.path().isCore("emails") || v.path().subAttribute() != null) throw unsupported(v.path());
            return emailValueFilter(v.filter());
        }
        ScimFilter.Compare c = (ScimFilter.Compare) f;
        AttributePath p = c.path();
        Attribute attribute;
        if (p.isCore("userName") && p.subAttribute() == null) attribute = Attribute.USER_NAME;
        else if (p.isCore("externalId") && p.subAttribute() == null) attribute = Attribute.EXTERNAL_ID;
        else if (p.isCore("id") && p.subAttribute() == null) attribute = Attribute.ID;
        else if (p.isCore("active") && p.subAttribute() == null) attribute = Attribute.ACTIVE;
        else if (p.isCore("emails") && (p.subAttribute() == null || p.subAttribute().equalsIgnoreCase("value"))) {
            attribute = Attribute.EMAIL;
        } else {
            throw unsupported(p);
        }
        return compare(attribute, p, c.op(), c.value());
    }

    /** {@code emails[value op x]}: only the value sub-attribute is indexed. */
    private static UserFilter emailValueFilter(ScimFilter f) {
        if (f instanceof ScimFilter.And a) return new UserFilter.And(emailValueFilter(a.left()), emailValueFilter(a.right()));
        if (f instanceof ScimFilter.Or o) return new UserFilter.Or(emailValueFilter(o.left()), emailValueFilter(o.right()));
        if (f instanceof ScimFilter.Not n) return new UserFilter.Not(emailValueFilter(n.inner()));
        ScimFilter.Compare c = (ScimFilter.Compare) f;
        if (c.path().urn() != null || c.path().subAttribute() != null || !c.path().name().equalsIgnoreCase("value")) {
            throw ScimFilterParser.invalid("emails." + c.path() + " is not filterable; " + SUPPORTED);
        }
        return compare(Attribute.EMAIL, c.path(), c.op(), c.value());
    }

    private static UserFilter compare(Attribute attribute, AttributePath path, Op op, Object value) {
        if (op == Op.GT || op == Op.GE || op == Op.LT || op == Op.LE) {
            throw ScimFilterParser.invalid("Operator " + op.name().toLowerCase(java.util.Locale.ROOT) + " is not supported on "
                    + path + "; " + SUPPORTED);
        }
        if (op == Op.PR) return new UserFilter.Compare(attribute, Operator.PR, null);
        if (value == null) {
            // RFC 7643 §2.5: null is "unassigned", so eq null means "not present".
            if (op == Op.EQ) return new UserFilter.Not(new UserFilter.Compare(attribute, Operator.PR, null));
            if (op == Op.NE) return new UserFilter.Compare(attribute, Operator.PR, null);
            throw ScimFilterParser.invalid("Operator " + op.name().toLowerCase(java.util.Locale.ROOT) + " cannot compare with null");
        }
        if (attribute == Attribute.ACTIVE) {
            if (!(value instanceof Boolean) || (op != Op.EQ && op != Op.NE)) {
                throw ScimFilterParser.invalid("active compares only with eq or ne and true or false");
            }
            return new UserFilter.Compare(attribute, Operator.valueOf(op.name()), value);
        }
        if (!(value instanceof String)) throw ScimFilterParser.invalid(path + " compares only with a string in double quotes");
        return new UserFilter.Compare(attribute, Operator.valueOf(op.name()), value);
    }

    private static dev.tessera.protocol.OAuthException unsupported(AttributePath p) {
        return ScimFilterParser.invalid("Filtering on " + p + " is not supported; " + SUPPORTED);
    }
}
