package dev.tessera.tokenhandler;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantId;

/** The id of a token-handler app within its tenant; the same pattern as tenant ids. Spec: CONTRACT §6.2, §2. */
public record TokenHandlerAppId(String value) {
    public TokenHandlerAppId {
        if (!isValid(value)) {
            throw new OAuthException(ErrorCode.INVALID_REQUEST, "Token-handler app ids match [a-z0-9][a-z0-9-]{0,62}");
        }
    }

    public static boolean isValid(String value) {
        return TenantId.isValid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
