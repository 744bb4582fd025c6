package dev.tessera.authorize;

import dev.tessera.client.Client;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.session.Session;
import dev.tessera.tenant.Tenant;
import dev.tessera.user.User;
import java.time.Instant;
import java.util.Optional;

/**
 * What every interaction step of one authorization request sees: the tenant and its issuer, the
 * validated request and its client, the browser's session and its (active) user, whether the user
 * signed in for this very request, and the time.
 */
public record InteractionContext(Tenant tenant, String issuer, PendingAuthorization request, Client client,
                                 Optional<Session> session, Optional<User> user, boolean freshSignIn, Instant now) {
    /** An error for the client at its redirect URI (e.g. {@code login_required} for {@code prompt=none}). */
    public AuthorizationFlow.Step fail(ErrorCode error, String description) {
        return new AuthorizationFlow.Step.Respond(AuthorizationResponse.error(request.redirect(), error, description, issuer), null);
    }
}
