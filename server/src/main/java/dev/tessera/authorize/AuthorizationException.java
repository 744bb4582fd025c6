package dev.tessera.authorize;

/** Carries an {@link AuthorizationError} out of validation and the flow. */
public final class AuthorizationException extends RuntimeException {
    private final AuthorizationError error;

    public AuthorizationException(AuthorizationError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    public AuthorizationError error() { return error; }

    static AuthorizationException page(String message) {
        return new AuthorizationException(new AuthorizationError.Page(message));
    }

    static AuthorizationException redirect(PendingAuthorization.ClientRedirect to, String error, String description) {
        return new AuthorizationException(new AuthorizationError.Redirect(to, error, description));
    }
}
