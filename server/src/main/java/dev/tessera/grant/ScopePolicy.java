package dev.tessera.grant;

import dev.tessera.client.Client;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;

/**
 * Decides the granted scope: a client may have any scope it registered, nothing else; asking for
 * none grants every registered scope. Spec: RFC 6749 §3.3; CONTRACT §3.
 */
public final class ScopePolicy {
    public Scope grant(Client client, Scope requested) {
        Scope registered = client.registeredScope();
        if (requested.isEmpty()) {
            return registered;
        }
        if (!registered.containsAll(requested)) {
            throw new OAuthException(ErrorCode.INVALID_SCOPE, "The requested scope exceeds what the client may request");
        }
        return requested;
    }
}
