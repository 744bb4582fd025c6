package dev.tessera.scim;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.user.UserFilter;
import java.util.Map;

/**
 * A list or search request: filter, 1-based {@code startIndex}, {@code count} (capped at
 * {@link ScimDiscovery#MAX_RESULTS}) and the attribute selection.
 * Spec: RFC 7644 §3.4.2 (query parameters), §3.4.2.4 (pagination), §3.4.3 (POST .search).
 */
public record ScimQuery(UserFilter filter, int startIndex, int count, AttributeSelection selection) {

    /** From the query parameters of {@code GET /Users}; each argument may be null. */
    public static ScimQuery parse(String filter, String startIndex, String count, String attributes, String excluded) {
        // §3.4.2.4: startIndex below 1 is read as 1, a negative count as 0.
        int start = (int) Math.max(1, Math.min(Integer.MAX_VALUE, integer(startIndex, "startIndex", 1)));
        int n = (int) Math.max(0, Math.min(ScimDiscovery.MAX_RESULTS, integer(count, "count", ScimDiscovery.DEFAULT_COUNT)));
        return new ScimQuery(UserSearchFilter.parse(filter), start, n, AttributeSelection.parse(attributes, excluded));
    }

    /** From the body of {@code POST /Users/.search} (a SearchRequest message). */
    public static ScimQuery parse(Map<String, Object> body) {
        Object schemas = UserResource.member(body, "schemas");
        if (!(schemas instanceof java.util.List<?> l) || !l.contains(ScimSchemas.SEARCH_REQUEST)) {
            throw Json.syntax("schemas must be [\"" + ScimSchemas.SEARCH_REQUEST + "\"]");
        }
        return parse(string(body, "filter"), number(body, "startIndex"), number(body, "count"),
                joined(body, "attributes"), joined(body, "excludedAttributes"));
    }

    private static long integer(String raw, String name, long dflt) {
        if (raw == null || raw.isEmpty()) return dflt;
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            if (raw.trim().matches("-?\\d{19,}")) return raw.trim().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, name + " must be an integer");
        }
    }

    private static String string(Map<String, Object> body, String name) {
        Object v = UserResource.member(body, name);
        if (v != null && !(v instanceof String)) throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, name + " must be a string");
        return (String) v;
    }

    private static String number(Map<String, Object> body, String name) {
        Object v = UserResource.member(body, name);
        if (v == null) return null;
        if (!(v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger)) {
            throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, name + " must be an integer");
        }
        return v.toString();
    }

    private static String joined(Map<String, Object> body, String name) {
        Object v = UserResource.member(body, name);
        if (v == null) return null;
        if (v instanceof java.util.List<?> list && list.stream().allMatch(x -> x instanceof String)) {
            return String.join(",", list.stream().map(String.class::cast).toList());
        }
        throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, name + " must be an array of strings");
    }
}
