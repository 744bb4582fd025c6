package dev.tessera.authorize;

import dev.tessera.protocol.ClientRedirect;
import dev.tessera.protocol.Scope;
import java.util.List;
import java.util.Set;

/**
 * A validated authorization request, carried sealed through the sign-in and consent pages.
 * Spec: RFC 6749 §4.1.1; RFC 7636 §4.3; OIDC Core §3.1.2.1.
 */
public record PendingAuthorization(ClientRedirect redirect, Requested requested, Interaction interaction, long issuedAt) {

    /**
     * What the client asked for. {@code codeChallenge} is the S256 challenge or null;
     * {@code redirectUriGiven}: the request carried {@code redirect_uri}, so the token request must
     * repeat it (RFC 6749 §4.1.3).
     */
    public record Requested(Scope scope, String nonce, String codeChallenge, List<String> resources, boolean redirectUriGiven) {
        public Requested {
            resources = List.copyOf(resources);
        }

        /** A request that carried {@code redirect_uri}. */
        public Requested(Scope scope, String nonce, String codeChallenge, List<String> resources) {
            this(scope, nonce, codeChallenge, resources, true);
        }
    }

    /** How the user must be engaged: prompt values, max_age (-1: none), login_hint. */
    public record Interaction(Set<String> prompts, long maxAge, String loginHint) {
        public Interaction {
            prompts = Set.copyOf(prompts);
        }

        public Interaction without(String prompt) {
            java.util.Set<String> p = new java.util.HashSet<>(prompts);
            p.remove(prompt);
            return new Interaction(p, maxAge, loginHint);
        }
    }

    public PendingAuthorization withInteraction(Interaction i) {
        return new PendingAuthorization(redirect, requested, i, issuedAt);
    }

    public boolean isOpenId() {
        return requested.scope().contains("openid");
    }
}
