package dev.tessera.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;

/**
 * What a request presents to identify its client: parsed with Nimbus by its {@link ClientAuthMethod}, not yet believed.
 * Spec: RFC 6749 §2.3 (exactly one method per request); RFC 7521 §4.2; RFC 7523 §2.2.
 */
public sealed interface PresentedCredentials {
    /** RFC 7617 §2: the challenge answering a failed Basic attempt. */
    String BASIC_CHALLENGE = "Basic realm=\"tessera\", charset=\"UTF-8\"";

    ClientId clientId();

    ClientAuthenticationMethod method();

    record Secret(ClientId clientId, String secret, ClientAuthenticationMethod method) implements PresentedCredentials {}

    record Assertion(ClientId clientId, PrivateKeyJWT jwt) implements PresentedCredentials {
        public ClientAuthenticationMethod method() { return ClientAuthenticationMethod.PRIVATE_KEY_JWT; }
    }

    record PublicId(ClientId clientId) implements PresentedCredentials {
        public ClientAuthenticationMethod method() { return ClientAuthenticationMethod.NONE; }
    }

    static OAuthException fail(String detail) {
        return new OAuthException(ErrorCode.INVALID_CLIENT, "Client authentication failed").detail(detail);
    }
}
