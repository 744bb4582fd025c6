package dev.tessera.authorize;

/**
 * An authorization request that fails. Before the redirect URI is trusted the user sees an error page;
 * after, the client receives the error at its redirect URI. Spec: RFC 6749 §4.1.2.1.
 */
public sealed interface AuthorizationError {
    /** Shown to the user; never redirected (unknown client, unregistered redirect URI). */
    record Page(String message) implements AuthorizationError {}

    /** Sent to the client. */
    record Redirect(PendingAuthorization.ClientRedirect to, String error, String description) implements AuthorizationError {}
}
