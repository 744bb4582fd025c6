package dev.tessera.authorize;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.Scope;
import java.util.Optional;

/**
 * A third-party client ({@code consent_required}) needs the user's consent to the requested scope:
 * remembered consent covering it, unless {@code prompt=consent} asks again. {@code prompt=none} turns
 * the consent page into {@code consent_required}. Spec: OIDC Core §3.1.2.4, §3.1.2.6; CONTRACT §3, §4.
 */
public final class ConsentStep implements InteractionStep {
    private final ConsentRepository consents;

    public ConsentStep(ConsentRepository consents) {
        this.consents = consents;
    }

    @Override
    public Optional<AuthorizationFlow.Step> check(InteractionContext c) {
        if (!c.client().consentRequired()) return Optional.empty();
        PendingAuthorization req = c.request();
        Optional<Scope> remembered = consents.find(c.tenant().id(), c.session().get().userId(), c.client().clientId());
        boolean covered = remembered.isPresent() && remembered.get().containsAll(req.requested().scope());
        if (covered && !req.interaction().prompts().contains("consent")) return Optional.empty();
        if (req.interaction().prompts().contains("none")) {
            return Optional.of(c.fail(ErrorCode.CONSENT_REQUIRED, "The user has not consented"));
        }
        return Optional.of(new AuthorizationFlow.Step.ShowConsent(req, c.client(), req.requested().scope(),
                c.session().get()));
    }
}
