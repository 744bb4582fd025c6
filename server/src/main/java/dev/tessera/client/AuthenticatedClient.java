package dev.tessera.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;

/** A client whose identity the request proved (or, for {@code none}, claimed as a public client). */
public record AuthenticatedClient(Client client, ClientAuthenticationMethod method) {
    public ClientId clientId() {
        return client.clientId();
    }

    public boolean isConfidential() {
        return !ClientAuthenticationMethod.NONE.equals(method);
    }

    public void requireConfidential() {
        if (!isConfidential()) {
            throw new OAuthException(ErrorCode.UNAUTHORIZED_CLIENT, "This request requires a confidential client");
        }
    }
}
