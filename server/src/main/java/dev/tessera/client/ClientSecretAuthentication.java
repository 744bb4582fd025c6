package dev.tessera.client;

import dev.tessera.token.TokenHasher;

/** {@code client_secret_basic} and {@code client_secret_post}: constant-time check against the stored keyed hash. Spec: RFC 6749 §2.3.1. */
final class ClientSecretAuthentication {
    private final TokenHasher hasher;

    ClientSecretAuthentication(TokenHasher hasher) {
        this.hasher = hasher;
    }

    /** RFC 6749 §5.2: a wrong secret is 401 with the Basic challenge, whichever way it came. */
    void verify(Client client, PresentedCredentials.Secret presented) {
        if (!hasher.matches(presented.secret(), client.secretHash())) {
            throw PresentedCredentials.fail("wrong client secret").header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
        }
    }
}
