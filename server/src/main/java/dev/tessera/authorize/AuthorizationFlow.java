package dev.tessera.authorize;

import dev.tessera.client.Client;
import dev.tessera.client.ClientDirectory;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;
import dev.tessera.user.Authentication;
import dev.tessera.session.Session;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.keys.RandomValues;
import dev.tessera.token.TokenHasher;
import dev.tessera.user.User;
import dev.tessera.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The next step of a validated authorization request: the {@link InteractionStep}s in order, the first
 * that does not continue decides (a page, or an answer for the client); when all continue, a code.
 * Spec: RFC 6749 §4.1; OIDC Core §3.1.2.3–3.1.2.6 (prompt, max_age, consent); RFC 9207.
 */
public final class AuthorizationFlow {
    /** Authorization codes live this long (RFC 6749 §4.1.2 recommends at most 10 minutes). */
    public static final long CODE_TTL_SECONDS = 60;

    public sealed interface Step {
        record ShowSignIn(PendingAuthorization request, Client client) implements Step {}

        /** {@code session}: the sign-in the consent form is bound to (only its decision counts). */
        record ShowConsent(PendingAuthorization request, Client client, Scope scope, Session session) implements Step {}

        /** The response for the client; {@code authentication} is set when a code was issued. */
        record Respond(AuthorizationResponse response, Authentication authentication) implements Step {}
    }

    private final ClientDirectory clients;
    private final UserRepository users;
    private final List<InteractionStep> steps;
    private final ConsentRepository consents;
    private final AuthorizationCodeRepository codes;
    private final TokenHasher hasher;
    private final IssuerUrls issuers;
    private final Clock clock;

    public AuthorizationFlow(ClientDirectory clients, UserRepository users, List<InteractionStep> steps,
                             ConsentRepository consents, AuthorizationCodeRepository codes, TokenHasher hasher,
                             IssuerUrls issuers, Clock clock) {
        this.clients = clients;
        this.users = users;
        this.steps = List.copyOf(steps);
        this.consents = consents;
        this.codes = codes;
        this.hasher = hasher;
        this.issuers = issuers;
        this.clock = clock;
    }

    /** Tessera's steps: sign-in (with prompt and max_age), then consent. MFA, step-up and conditional access go between. */
    public static List<InteractionStep> standardSteps(ConsentRepository consents) {
        return List.of(new SignInStep(), new ConsentStep(consents));
    }

    /**
     * @param session the browser's active session, if any
     * @param freshSignIn true right after the user signed in for this request (prompt=login and max_age met)
     */
    public Step next(Tenant tenant, PendingAuthorization req, Optional<Session> session, boolean freshSignIn) {
        Client client = clients.find(tenant.id(), req.redirect().clientId())
                .orElseThrow(() -> OAuthException.invalidRequest("The application is unknown."));
        Optional<User> user = session.flatMap(s -> users.find(tenant.id(), s.userId())).filter(User::active);
        InteractionContext ctx = new InteractionContext(tenant, issuers.issuer(tenant.id()), req, client, session, user,
                freshSignIn, clock.instant());
        for (InteractionStep step : steps) {
            Optional<Step> next = step.check(ctx);
            if (next.isPresent()) return next.get();
        }
        return issueCode(tenant, req, session.get());
    }

    /** The user's decision on the consent page. */
    public Step decide(Tenant tenant, PendingAuthorization req, Session session, boolean allow) {
        if (!allow) {
            return new Step.Respond(AuthorizationResponse.error(req.redirect(), ErrorCode.ACCESS_DENIED, "The user denied the request",
                    issuers.issuer(tenant.id())), null);
        }
        consents.grant(tenant.id(), session.userId(), req.redirect().clientId(), req.requested().scope(), clock.instant());
        return issueCode(tenant, req, session);
    }

    private Step issueCode(Tenant tenant, PendingAuthorization req, Session s) {
        Instant now = clock.instant();
        String code = RandomValues.token(32);
        Authentication authn = new Authentication(s.userId(), s.sid(), s.authTime(), s.amr(), s.acr());
        codes.save(tenant.id(), new AuthorizationCode(hasher.hash(code), UUID.randomUUID().toString(), req.redirect(),
                req.requested(), authn, now.plusSeconds(CODE_TTL_SECONDS), null));
        return new Step.Respond(AuthorizationResponse.success(req.redirect(), code, issuers.issuer(tenant.id())), authn);
    }
}
