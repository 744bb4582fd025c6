package dev.tessera.authorize;

import dev.tessera.protocol.ErrorCode;
import java.util.Optional;

/**
 * The user must be signed in, freshly when the request says so: {@code prompt=login}, or a
 * {@code max_age} the session's sign-in is older than ({@code max_age=0} acts as {@code prompt=login}).
 * {@code prompt=none} turns the sign-in page into {@code login_required}. Spec: OIDC Core §3.1.2.1, §3.1.2.3, §3.1.2.6.
 */
public final class SignInStep implements InteractionStep {
    @Override
    public Optional<AuthorizationFlow.Step> check(InteractionContext c) {
        PendingAuthorization.Interaction i = c.request().interaction();
        boolean needsSignIn = c.user().isEmpty()
                || (!c.freshSignIn() && i.prompts().contains("login"))
                || (!c.freshSignIn() && i.maxAge() >= 0
                    && !c.session().get().authTime().plusSeconds(i.maxAge()).isAfter(c.now()));
        if (!needsSignIn) return Optional.empty();
        if (i.prompts().contains("none")) return Optional.of(c.fail(ErrorCode.LOGIN_REQUIRED, "The user is not signed in"));
        return Optional.of(new AuthorizationFlow.Step.ShowSignIn(c.request(), c.client()));
    }
}
