package dev.tessera.resourceserver;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ResourceServer#authorize} decided: let the request through with its verified token, or
 * answer it with a status, a {@code WWW-Authenticate} challenge and a small JSON body.
 * Spec: RFC 6750 §3 and §3.1.
 */
public sealed interface Decision permits Decision.Allow, Decision.Deny {

    /** The request may proceed; {@code token} is what it carried, verified. */
    record Allow(AccessToken token) implements Decision {}

    /**
     * The request is refused.
     *
     * @param status      400, 401 or 403
     * @param error       the RFC 6750 error code, or null when the request carried no bearer token
     * @param description client-safe text, sent as {@code error_description}
     * @param challenge   the {@code WWW-Authenticate} header value
     * @param detail      why, for logs only; never sent
     */
    record Deny(int status, String error, String description, String challenge, String detail) implements Decision {
        static final String INVALID_REQUEST = "invalid_request";
        static final String INVALID_TOKEN = "invalid_token";
        static final String INSUFFICIENT_SCOPE = "insufficient_scope";

        /** RFC 6750 §3.1: no credentials (or another scheme) → 401 and a challenge without an error code. */
        static Deny noToken(String realm, String detail) {
            return new Deny(401, null, "An access token is required", "Bearer realm=\"" + realm + "\"", detail);
        }

        /** RFC 6750 §3.1 {@code invalid_request} → 400. */
        static Deny invalidRequest(String realm, String description, String detail) {
            return new Deny(400, INVALID_REQUEST, description, challenge(realm, INVALID_REQUEST, description, null), detail);
        }

        /** RFC 6750 §3.1 {@code invalid_token} → 401. */
        static Deny invalidToken(String realm, InvalidTokenException e) {
            return new Deny(401, INVALID_TOKEN, e.getMessage(), challenge(realm, INVALID_TOKEN, e.getMessage(), null), e.detail());
        }

        /**
         * RFC 6750 §3.1 {@code insufficient_scope} → 403: "the request requires higher privileges than
         * provided by the access token". {@code scopes} is null when no scope would help (another tenant,
         * no rule for the route).
         */
        static Deny forbidden(String realm, String description, Set<String> scopes, String detail) {
            String scope = scopes == null ? null : String.join(" ", scopes);
            return new Deny(403, INSUFFICIENT_SCOPE, description, challenge(realm, INSUFFICIENT_SCOPE, description, scope), detail);
        }

        private static String challenge(String realm, String error, String description, String scope) {
            StringBuilder b = new StringBuilder("Bearer realm=\"").append(realm).append("\", error=\"").append(error).append('"');
            if (scope != null) b.append(", scope=\"").append(scope).append('"');
            return b.append(", error_description=\"").append(description).append('"').toString();
        }

        /** The response body: {@code {"error": …, "error_description": …}} (no {@code error} without a token). */
        public String body() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (error != null) m.put("error", error);
            m.put("error_description", description);
            return JSONObjectUtils.toJSONString(m);
        }
    }
}
