package dev.tessera.tenant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;

/** A tenant identifier. Spec: CONTRACT §2 ({@code [a-z0-9][a-z0-9-]{0,62}}). */
public record TenantId(String value) {
    public static final TenantId SYSTEM = new TenantId("system");

    public TenantId {
        if (!isValid(value)) {
            throw new OAuthException(ErrorCode.NOT_FOUND, "Unknown tenant").detail("invalid tenant id");
        }
    }

    /** Same as the pattern {@code [a-z0-9][a-z0-9-]{0,62}}, without a regex on the request path. */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > 63) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (i == 0 || c != '-')) return false;
        }
        return true;
    }

    public boolean isSystem() {
        return SYSTEM.equals(this);
    }

    @Override
    public String toString() {
        return value;
    }
}
