package dev.tessera.scim;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;

/**
 * Resource versions as weak entity tags ({@code W/"3"}) and the {@code If-Match} /
 * {@code If-None-Match} preconditions. Spec: RFC 7644 §3.14; RFC 9110 §8.8.3, §13.1.1–13.1.2.
 */
public final class ETags {
    private ETags() {}

    public static String of(long version) {
        return "W/\"" + version + "\"";
    }

    /** True if the header lists {@code *} or the tag of {@code version} (weak comparison); true if absent. */
    public static boolean matches(String header, long version) {
        if (header == null) return true;
        String tag = "\"" + version + "\"";
        for (String part : header.split(",")) {
            String t = part.trim();
            if (t.equals("*")) return true;
            if (t.startsWith("W/")) t = t.substring(2);
            if (t.equals(tag)) return true;
        }
        return false;
    }

    /** RFC 7644 §3.14: 412 when {@code If-Match} names another version. */
    public static void requireMatch(String ifMatch, long version) {
        if (!matches(ifMatch, version)) {
            throw new OAuthException(ErrorCode.PRECONDITION_FAILED, "The resource has changed: its version is " + of(version));
        }
    }
}
