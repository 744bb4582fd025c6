package dev.tessera.authorize;

import java.util.Optional;

/**
 * One requirement an authorization request must meet before a code is issued: sign-in, then (room
 * for MFA, step-up, conditional access), then consent. The flow runs the steps in order; each
 * answers "continue" (empty) or what to do instead: show a page, or answer the client (an error such
 * as {@code login_required} when {@code prompt=none} forbids the page). A new requirement is a new
 * step in the list. Spec: OIDC Core §3.1.2.3–3.1.2.6.
 */
@FunctionalInterface
public interface InteractionStep {
    Optional<AuthorizationFlow.Step> check(InteractionContext ctx);
}
