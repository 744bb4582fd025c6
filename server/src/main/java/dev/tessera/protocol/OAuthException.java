package dev.tessera.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error type that crosses package boundaries. {@code description} is fixed, client-safe
 * text; {@link #detail(String)} carries request-specific reasons for logs and audit only.
 */
public final class OAuthException extends RuntimeException {
    private final ErrorCode code;
    private final String description;
    private String detail;
    private String auditEvent;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private ClientRedirect redirect;

    public OAuthException(ErrorCode code, String description) {
        super(code.code() + ": " + description, null, false, false);
        this.code = code;
        this.description = description;
    }

    public OAuthException detail(String internal) {
        this.detail = internal;
        return this;
    }

    /** Names the audit event this failure records (e.g. a security alert such as refresh token reuse). */
    public OAuthException auditEvent(String type) {
        this.auditEvent = type;
        return this;
    }

    public String auditEvent() { return auditEvent; }

    /** Adds a response header (WWW-Authenticate, Allow, DPoP-Nonce …). */
    public OAuthException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * At the authorization endpoint, once the client's redirect URI is trusted: the error goes to the
     * client there (RFC 6749 §4.1.2.1). Without it, the user sees the description on an error page.
     */
    public OAuthException redirectTo(ClientRedirect to) {
        this.redirect = to;
        return this;
    }

    /** Where the error is to be redirected, or null (an error page, or a plain HTTP answer). */
    public ClientRedirect redirect() { return redirect; }

    public ErrorCode code() { return code; }

    public String description() { return description; }

    public String detailOrDescription() { return detail != null ? detail : description; }

    public String detail() { return detail; }

    public Map<String, String> headers() { return headers; }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(ErrorCode.INVALID_REQUEST, description);
    }
}
