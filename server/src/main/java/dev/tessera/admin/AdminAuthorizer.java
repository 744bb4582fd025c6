package dev.tessera.admin;

import dev.tessera.introspection.ActiveToken;
import dev.tessera.introspection.TokenLookup;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.tenant.TenantId;
import java.util.Optional;

/**
 * Admin surfaces accept a bearer token of tenant {@code system} with scope {@code admin}.
 * Spec: CONTRACT §2–3; RFC 6750 §3 (challenges).
 */
public final class AdminAuthorizer {
    public static final String ADMIN_SCOPE = "admin";
    private final TenantDirectory tenants;
    private final TokenLookup tokens;

    public AdminAuthorizer(TenantDirectory tenants, TokenLookup tokens) {
        this.tenants = tenants;
        this.tokens = tokens;
    }

    /** The admin token's claims; 401 without a valid token, 403 without scope {@code admin}. */
    public ActiveToken require(String bearer) {
        if (bearer == null) {
            throw new OAuthException(ErrorCode.UNAUTHORIZED, "A bearer token with scope admin is required")
                    .header("WWW-Authenticate", "Bearer realm=\"tessera-admin\"");
        }
        Tenant system = tenants.find(TenantId.SYSTEM).orElseThrow();
        Optional<ActiveToken> token = tokens.find(TenantId.SYSTEM, system.settings(), bearer);
        if (token.isEmpty()) {
            throw new OAuthException(ErrorCode.UNAUTHORIZED, "The access token is invalid")
                    .header("WWW-Authenticate", "Bearer realm=\"tessera-admin\", error=\"invalid_token\"");
        }
        if (!token.get().claims().scope().contains(ADMIN_SCOPE)) {
            throw new OAuthException(ErrorCode.FORBIDDEN, "The access token lacks scope admin")
                    .header("WWW-Authenticate", "Bearer realm=\"tessera-admin\", error=\"insufficient_scope\", scope=\"admin\"");
        }
        return token.get();
    }

    /** For the registration endpoint (RFC 7591 §3): true if {@code bearer} is a valid admin token. */
    public boolean isAdmin(String bearer) {
        if (bearer == null) return false;
        Tenant system = tenants.find(TenantId.SYSTEM).orElse(null);
        if (system == null) return false;
        return tokens.find(TenantId.SYSTEM, system.settings(), bearer)
                .map(t -> t.claims().scope().contains(ADMIN_SCOPE)).orElse(false);
    }
}
