package dev.tessera.protocol;

/**
 * Every error Tessera can answer, with the HTTP status that belongs to it. The status is data on the
 * code, never a decision made where the error is thrown.
 */
public enum ErrorCode {
    // RFC 6749 §5.2 (token endpoint) and §4.1.2.1 (authorization endpoint)
    INVALID_REQUEST("invalid_request", 400),
    // RFC 6749 §3.2 (POST only) at protocol endpoints, with the status RFC 9110 §15.5.6 prescribes
    INVALID_REQUEST_METHOD("invalid_request", 405),
    INVALID_CLIENT("invalid_client", 401),
    // RFC 6749 §10.10 with RFC 6585 §4: repeated wrong client secrets, answered with Retry-After
    INVALID_CLIENT_THROTTLED("invalid_client", 429),
    INVALID_GRANT("invalid_grant", 400),
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    ACCESS_DENIED("access_denied", 403),
    // RFC 8707 §2
    INVALID_TARGET("invalid_target", 400),
    // RFC 6749 §4.1.2.1 and OIDC Core §3.1.2.6: answered in the redirect to the client, so the status is not sent
    UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
    CONSENT_REQUIRED("consent_required", 400),
    INTERACTION_REQUIRED("interaction_required", 400),
    REQUEST_NOT_SUPPORTED("request_not_supported", 400),
    REQUEST_URI_NOT_SUPPORTED("request_uri_not_supported", 400),
    // RFC 7009 §2.2.1
    UNSUPPORTED_TOKEN_TYPE("unsupported_token_type", 400),
    // RFC 6750 §3.1 (protected resources)
    INVALID_TOKEN("invalid_token", 401),
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    // RFC 7591 §3.2.2
    INVALID_REDIRECT_URI("invalid_redirect_uri", 400),
    INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
    // HTTP-level failures (RFC 9110), answered as RFC 9457 problems on admin surfaces
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    NOT_ACCEPTABLE("not_acceptable", 406),
    CONFLICT("conflict", 409),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    PRECONDITION_FAILED("precondition_failed", 412),
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    // RFC 7644 §3.12: SCIM "scimType" values (the code is the scimType)
    SCIM_INVALID_FILTER("invalidFilter", 400),
    SCIM_TOO_MANY("tooMany", 400),
    SCIM_UNIQUENESS("uniqueness", 409),
    SCIM_MUTABILITY("mutability", 400),
    SCIM_INVALID_SYNTAX("invalidSyntax", 400),
    SCIM_INVALID_PATH("invalidPath", 400),
    SCIM_NO_TARGET("noTarget", 400),
    SCIM_INVALID_VALUE("invalidValue", 400),
    // CONTRACT §6.2 (and OIDC Core §3.1.2.6 login_required, redirected at the authorization endpoint): the token
    // handler's OAuth-agent API answers {"code", "message"} with the codes of the
    // widely used OAuth-agent API: a refused cookie, Origin or CSRF header; no usable session; an access
    // token the agent can no longer use; a prompt=none login that needs the user; a failed code redemption
    UNAUTHORIZED_REQUEST("unauthorized_request", 401),
    SESSION_EXPIRED("session_expired", 401),
    TOKEN_EXPIRED("token_expired", 401),
    LOGIN_REQUIRED("login_required", 401),
    AUTHORIZATION_ERROR("authorization_error", 400),
    SERVER_ERROR("server_error", 500);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() { return code; }

    public int status() { return status; }
}
