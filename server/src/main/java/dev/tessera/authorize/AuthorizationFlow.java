package dev.tessera.authorize;

import dev.tessera.client.Client;
import dev.tessera.client.ClientDirectory;
import dev.tessera.protocol.Scope;
import dev.tessera.session.Authentication;
import dev.tessera.session.Session;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.token.RandomValues;
import dev.tessera.token.TokenHasher;
import dev.tessera.user.User;
import dev.tessera.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides the next step of a validated authorization request: sign-in, consent, or a code.
 * Spec: RFC 6749 §4.1; OIDC Core §3.1.2.3–3.1.2.6 (prompt, max_age, consent); RFC 9207.
 */
public final class AuthorizationFlow {
    /** Authorization codes live this long (RFC 6749 §4.1.2 recommends at most 10 minutes). */
    public static final long CODE_TTL_SECONDS = 60;

    public sealed interface Step {
        record ShowSignIn(PendingAuthorization request, Client client) implements Step {}

        record ShowConsent(PendingAuthorization request, Client client, Scope scope) implements Step {}

        /** The response for the client; {@code auditCode} true when a code was issued. */
        record Respond(AuthorizationResponse response, Authentication authentication) implements Step {}
    }

    private final ClientDirectory clients;
    private final UserRepository users;
    private final ConsentRepository consents;
    private final AuthorizationCodeRepository codes;
    private final TokenHasher hasher;
    private final IssuerUrls issuers;
    private final Clock clock;

    public AuthorizationFlow(ClientDirectory clients, UserRepository users, ConsentRepository consents,
                             AuthorizationCodeRepository codes, TokenHasher hasher, IssuerUrls issuers, Clock clock) {
        this.clients = clients;
        this.users = users;
        this.consents = consents;
        this.codes = codes;
        this.hasher = hasher;
        this.issuers = issuers;
        this.clock = clock;
    }

    /**
     * @param session the browser's active session, if any
     * @param freshSignIn true right after the user signed in for this request (prompt=login and max_age met)
     */
    public Step next(Tenant tenant, PendingAuthorization req, Optional<Session> session, boolean freshSignIn) {
        Client client = clients.find(tenant.id(), req.redirect().clientId())
                .orElseThrow(() -> AuthorizationException.page("The application is unknown."));
        Instant now = clock.instant();
        String issuer = issuers.issuer(tenant.id());
        Optional<User> user = session.flatMap(s -> users.find(tenant.id(), s.userId())).filter(User::active);
        boolean needsSignIn = user.isEmpty()
                || (!freshSignIn && req.interaction().prompts().contains("login"))
                || (!freshSignIn && req.interaction().maxAge() >= 0                  // max_age=0 acts as prompt=login
                    && !session.get().authTime().plusSeconds(req.interaction().maxAge()).isAfter(now));
        if (needsSignIn) {
            if (req.interaction().prompts().contains("none")) {
                return respond(AuthorizationResponse.error(req.redirect(), "login_required", "The user is not signed in", issuer), null);
            }
            return new Step.ShowSignIn(req, client);
        }
        Session s = session.get();
        if (client.consentRequired()) {
            Optional<Scope> remembered = consents.find(tenant.id(), s.userId(), client.clientId());
            boolean covered = remembered.isPresent() && remembered.get().containsAll(req.requested().scope());
            if (!covered || req.interaction().prompts().contains("consent")) {
                if (req.interaction().prompts().contains("none")) {
                    return respond(AuthorizationResponse.error(req.redirect(), "consent_required", "The user has not consented", issuer), null);
                }
                return new Step.ShowConsent(req, client, req.requested().scope());
            }
        }
        return issueCode(tenant, req, s);
    }

    /** The user's decision on the consent page. */
    public Step decide(Tenant tenant, PendingAuthorization req, Session session, boolean allow) {
        String issuer = issuers.issuer(tenant.id());
        if (!allow) {
            return respond(AuthorizationResponse.error(req.redirect(), "access_denied", "The user denied the request", issuer), null);
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
        return respond(AuthorizationResponse.success(req.redirect(), code, issuers.issuer(tenant.id())), authn);
    }

    private static Step respond(AuthorizationResponse r, Authentication a) {
        return new Step.Respond(r, a);
    }
}
