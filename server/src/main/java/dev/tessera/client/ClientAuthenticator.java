package dev.tessera.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHasher;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Authenticates the client of a token, introspection or revocation request with the method it
 * registered, and only that one. Spec: RFC 6749 §2.3 and §5.2; RFC 7523 §2.2; RFC 7591 §2.
 */
public final class ClientAuthenticator {
    /** The methods Tessera supports, advertised in discovery. */
    public static final List<ClientAuthenticationMethod> SUPPORTED = List.of(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
            ClientAuthenticationMethod.PRIVATE_KEY_JWT, ClientAuthenticationMethod.NONE);

    private final ClientDirectory clients;
    private final ClientSecretAuthentication secrets;
    private final PrivateKeyJwtAuthentication assertions;

    public ClientAuthenticator(ClientDirectory clients, ReplayCache replayCache, TokenHasher hasher, Clock clock) {
        this.clients = clients;
        this.secrets = new ClientSecretAuthentication(hasher);
        this.assertions = new PrivateKeyJwtAuthentication(replayCache, hasher, clock);
    }

    /**
     * @param audiences accepted {@code aud} values of a client assertion (issuer, endpoint URLs)
     * @param allowPublic whether a public client may identify itself by {@code client_id} alone
     */
    public AuthenticatedClient authenticate(TenantId tenant, String authorization, FormParameters form,
                                            Set<String> audiences, boolean allowPublic) {
        PresentedCredentials presented = PresentedCredentials.parse(authorization, form);
        if (presented == null) {
            throw PresentedCredentials.fail("no client authentication").header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
        }
        Client client = clients.find(tenant, presented.clientId())
                .orElseThrow(() -> challenge(presented, PresentedCredentials.fail("unknown client")));
        if (!client.authMethod().equals(presented.method())) {
            throw challenge(presented, PresentedCredentials.fail("client registered for " + client.authMethod()
                    + " used " + presented.method()));
        }
        if (presented instanceof PresentedCredentials.Secret s) {
            try {
                secrets.verify(client, s);
            } catch (OAuthException e) {
                throw challenge(presented, e);
            }
        } else if (presented instanceof PresentedCredentials.Assertion a) {
            assertions.verify(tenant, client, a, audiences);
        } else if (!allowPublic) {
            throw PresentedCredentials.fail("public clients cannot use this endpoint");
        }
        return new AuthenticatedClient(client, presented.method());
    }

    public ClientId clientIdOf(String authorization, FormParameters form) {
        try {
            PresentedCredentials p = PresentedCredentials.parse(authorization, form);
            return p == null ? null : p.clientId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** RFC 6749 §5.2: a failed attempt through the Authorization header gets 401 with a matching challenge. */
    private static OAuthException challenge(PresentedCredentials presented, OAuthException e) {
        return e.header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
    }
}
