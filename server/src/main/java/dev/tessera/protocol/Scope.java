package dev.tessera.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** An ordered set of scope tokens. Spec: RFC 6749 §3.3 (scope-token = 1*NQCHAR). */
public record Scope(List<String> values) {
    public static final Scope EMPTY = new Scope(List.of());

    public Scope {
        values = List.copyOf(new LinkedHashSet<>(values));
        for (String v : values) {
            if (!isValidToken(v)) throw OAuthException.invalidRequest("Malformed scope").detail("bad scope token");
        }
    }

    /** Parses a space-delimited scope string; null or blank is the empty scope. */
    public static Scope parse(String s) {
        if (s == null || s.isBlank()) return EMPTY;
        List<String> out = new ArrayList<>();
        for (String part : s.split(" ")) {
            if (part.isEmpty()) continue;
            if (!isValidToken(part)) {
                throw new OAuthException(ErrorCode.INVALID_SCOPE, "The scope is malformed");
            }
            out.add(part);
        }
        return new Scope(out);
    }

    public static Scope of(Collection<String> values) {
        return new Scope(new ArrayList<>(values));
    }

    static boolean isValidToken(String t) {
        if (t.isEmpty() || t.length() > 256) return false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            // NQCHAR = %x21 / %x23-5B / %x5D-7E
            if (!(c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) return false;
        }
        return true;
    }

    public boolean isEmpty() { return values.isEmpty(); }

    public boolean contains(String v) { return values.contains(v); }

    public boolean containsAll(Scope other) { return Set.copyOf(values).containsAll(other.values); }

    @Override
    public String toString() { return String.join(" ", values); }
}
