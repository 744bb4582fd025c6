package dev.tessera.client;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHasher;

/**
 * {@code client_secret_basic} and {@code client_secret_post}: constant-time check against the stored
 * keyed hash (fast, so it needs no {@code HashingGate}); repeated wrong secrets per client are throttled.
 * Spec: RFC 6749 §2.3.1, §10.10.
 */
final class ClientSecretAuthentication {
    private final TokenHasher hasher;
    private final ClientSecretThrottle throttle;

    ClientSecretAuthentication(TokenHasher hasher, ClientSecretThrottle throttle) {
        this.hasher = hasher;
        this.throttle = throttle;
    }

    /** RFC 6749 §5.2: a wrong secret is 401 with the Basic challenge, whichever way it came; 429 once the client's budget is spent. */
    void verify(TenantId tenant, Client client, PresentedCredentials.Secret presented) {
        if (!hasher.matches(presented.secret(), client.secretHash())) {
            long wait = throttle.failed(tenant, client.clientId());
            if (wait > 0) {
                throw new OAuthException(ErrorCode.INVALID_CLIENT_THROTTLED, "Too many failed client authentications; retry later")
                        .detail("wrong client secret, throttled").header("Retry-After", Long.toString(wait));
            }
            throw PresentedCredentials.fail("wrong client secret").header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
        }
    }
}
