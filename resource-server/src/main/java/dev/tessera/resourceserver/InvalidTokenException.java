package dev.tessera.resourceserver;

/**
 * An access token that fails validation. The message is client-safe (it becomes the
 * {@code error_description}); {@link #detail()} says why, for logs only.
 * Spec: RFC 6750 §3.1 ({@code invalid_token}).
 */
public final class InvalidTokenException extends Exception {
    private final String detail;

    InvalidTokenException(String description, String detail) {
        super(description);
        this.detail = detail;
    }

    InvalidTokenException(String detail) {
        this("The access token is invalid", detail);
    }

    /** Why the token was refused; never sent to the client. */
    public String detail() {
        return detail;
    }
}
