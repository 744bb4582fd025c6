package dev.tessera.tenant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.regex.Pattern;

/** A tenant identifier. Spec: CONTRACT §2 ({@code [a-z0-9][a-z0-9-]{0,62}}). */
public record TenantId(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final TenantId SYSTEM = new TenantId("system");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new OAuthException(ErrorCode.NOT_FOUND, "Unknown tenant").detail("invalid tenant id");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    public boolean isSystem() {
        return SYSTEM.equals(this);
    }

    @Override
    public String toString() {
        return value;
    }
}
