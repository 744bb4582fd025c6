package dev.tessera.scim;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The target of a PATCH operation: {@code [urn ":"] attribute ["[" valueFilter "]"] ["." subAttribute]}.
 * {@code urn} is null for the core User schema; {@code attribute} is null when the path is an
 * extension URN alone (the whole extension object).
 * Spec: RFC 7644 §3.5.2 (PATH ABNF, figure 1).
 */
public record ScimPath(String urn, String attribute, ScimFilter filter, String subAttribute) {
    public static final int MAX_LENGTH = 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z$][A-Za-z0-9_$-]{0,127}");

    /**
     * Parses a path. {@code knownUrns} are the schema URNs that may prefix it (the resource's and the
     * request's), so that a URN with dots and colons is told apart from the attribute that follows.
     */
    public static ScimPath parse(String raw, Collection<String> knownUrns) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) throw invalid("The path is empty or too long");
        String urn = null;
        String rest = raw;
        if (raw.regionMatches(true, 0, "urn:", 0, 4)) {
            List<String> urns = new ArrayList<>(knownUrns);
            urns.add(ScimSchemas.USER);
            urns.add(ScimSchemas.ENTERPRISE_USER);
            String match = null;
            for (String u : urns) {
                boolean prefix = raw.regionMatches(true, 0, u, 0, u.length())
                        && (raw.length() == u.length() || raw.charAt(u.length()) == ':');
                if (prefix && (match == null || u.length() > match.length())) match = u;
            }
            if (match == null) {
                int bracket = raw.indexOf('[');
                int colon = raw.lastIndexOf(':', bracket < 0 ? raw.length() - 1 : bracket);
                match = raw.substring(0, colon);
            }
            if (!ScimSchemas.isUrn(match)) throw invalid("Invalid schema URN in path '" + clip(raw) + "'");
            urn = ScimSchemas.USER.equalsIgnoreCase(match) ? null : ScimSchemas.canonicalUrn(match);
            if (raw.length() == match.length()) {
                if (urn == null) throw invalid("The path must name an attribute of the User schema");
                return new ScimPath(urn, null, null, null);
            }
            rest = raw.substring(match.length() + 1);
        }
        String name;
        ScimFilter filter = null;
        String sub = null;
        int open = rest.indexOf('[');
        if (open >= 0) {
            int close = rest.lastIndexOf(']');
            if (close < open) throw invalid("A closing bracket is missing in path '" + clip(raw) + "'");
            name = rest.substring(0, open);
            filter = ScimFilterParser.parseValueFilter(rest.substring(open + 1, close));
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != '.') throw invalid("Unexpected text after ']' in path '" + clip(raw) + "'");
                sub = after.substring(1);
            }
        } else {
            int dot = rest.indexOf('.');
            name = dot < 0 ? rest : rest.substring(0, dot);
            sub = dot < 0 ? null : rest.substring(dot + 1);
        }
        if (!NAME.matcher(name).matches() || (sub != null && !NAME.matcher(sub).matches())) {
            throw invalid("Invalid path '" + clip(raw) + "'");
        }
        return new ScimPath(urn, name, filter, sub);
    }

    @Override
    public String toString() {
        String s = attribute == null ? "" : attribute + (filter == null ? "" : "[…]") + (subAttribute == null ? "" : "." + subAttribute);
        return urn == null ? s : s.isEmpty() ? urn : urn + ":" + s;
    }

    private static String clip(String v) {
        return v.length() > 64 ? v.substring(0, 64) + "…" : v;
    }

    static OAuthException invalid(String detail) {
        return new OAuthException(ErrorCode.SCIM_INVALID_PATH, detail);
    }
}
