package dev.tessera.gateway;

import dev.tessera.tenant.TenantId;
import java.util.Optional;

/**
 * Finds the access token that a token-handler access-token cookie carries, so forward-auth answers
 * for a cookie exactly as for a bearer token. Spec: CONTRACT §6.2 (the proxy side).
 */
public interface CookieTokenSource {
    /** No token-handler apps: never a cookie token. */
    CookieTokenSource NONE = (tenant, request) -> Optional.empty();

    /**
     * The access token of the first token-handler app of {@code tenant} whose access-token cookie the
     * request carries; empty when it carries none. Throws {@code OAuthException} when such a cookie is
     * present but undecryptable, or the request breaks the Origin or CSRF rule of CONTRACT §6.2.
     */
    Optional<String> accessToken(TenantId tenant, ForwardedRequest request);
}
