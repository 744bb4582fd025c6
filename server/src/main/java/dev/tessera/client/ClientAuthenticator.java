package dev.tessera.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;
import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHasher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Authenticates the client of a token, introspection or revocation request through an ordered list
 * of {@link ClientAuthMethod}s: exactly one may be used per request, and only the one the client
 * registered. Two steps, so that the caller knows which client the request names even when the
 * proof then fails: {@link #present} (parse) and {@link #verify}.
 * Spec: RFC 6749 §2.3 and §5.2; RFC 7523 §2.2; RFC 7591 §2.
 */
public final class ClientAuthenticator {
    private final ClientDirectory clients;
    private final List<ClientAuthMethod> methods;

    ClientAuthenticator(ClientDirectory clients, List<ClientAuthMethod> methods) {
        this.clients = clients;
        this.methods = List.copyOf(methods);
    }

    /** The methods Tessera ships with, in the order they are tried. */
    public static ClientAuthenticator standard(ClientDirectory clients, ReplayCache replayCache, TokenHasher hasher,
                                               dev.tessera.outbound.RemoteJwkSets remoteKeys, Clock clock) {
        ClientSecretAuthentication secrets = new ClientSecretAuthentication(hasher, new ClientSecretThrottle(clock));
        return new ClientAuthenticator(clients, List.of(new ClientSecretBasicMethod(secrets), new ClientSecretPostMethod(secrets),
                new PrivateKeyJwtMethod(new PrivateKeyJwtAuthentication(replayCache, hasher, remoteKeys, clock))));
    }

    /** The methods clients may register, as discovery lists them ({@code none} last: public clients). */
    public List<ClientAuthenticationMethod> supported() {
        List<ClientAuthenticationMethod> out = new ArrayList<>();
        for (ClientAuthMethod m : methods) out.add(m.id());
        out.add(ClientAuthenticationMethod.NONE);
        return List.copyOf(out);
    }

    /**
     * What the request presents (parsed, not verified): the one method it uses, a public client's
     * {@code client_id}, or null for nothing at all. More than one method → {@code invalid_request}.
     */
    public PresentedCredentials present(PresentedRequest request) {
        for (ClientAuthMethod m : methods) m.screen(request);
        ClientAuthMethod used = null;
        int count = 0;
        for (ClientAuthMethod m : methods) {
            if (m.presentedIn(request)) {
                used = m;
                count++;
            }
        }
        if (count > 1) throw OAuthException.invalidRequest("More than one client authentication method was used");
        if (used != null) return used.parse(request);
        String formId = request.form().optional(Param.CLIENT_ID);
        return formId == null ? null : new PresentedCredentials.PublicId(new ClientId(formId));
    }

    /**
     * @param audiences accepted {@code aud} values of a client assertion (issuer, endpoint URLs)
     * @param allowPublic whether a public client may identify itself by {@code client_id} alone
     */
    public AuthenticatedClient verify(TenantId tenant, PresentedCredentials presented, Set<String> audiences,
                                      boolean allowPublic) {
        if (presented == null) {
            throw PresentedCredentials.fail("no client authentication").header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
        }
        // RFC 6749 §5.2: a failed attempt gets 401 with a matching challenge
        Client client = clients.find(tenant, presented.clientId())
                .orElseThrow(() -> challenge(PresentedCredentials.fail("unknown client")));
        if (!client.authMethod().equals(presented.method())) {
            throw challenge(PresentedCredentials.fail("client registered for " + client.authMethod() + " used " + presented.method()));
        }
        if (presented instanceof PresentedCredentials.PublicId) {
            if (!allowPublic) throw PresentedCredentials.fail("public clients cannot use this endpoint");
        } else {
            method(presented.method()).verify(tenant, client, presented, audiences);
        }
        return new AuthenticatedClient(client, presented.method());
    }

    /** {@link #present} then {@link #verify}. */
    public AuthenticatedClient authenticate(TenantId tenant, PresentedRequest request, Set<String> audiences, boolean allowPublic) {
        return verify(tenant, present(request), audiences, allowPublic);
    }

    private ClientAuthMethod method(ClientAuthenticationMethod id) {
        for (ClientAuthMethod m : methods) if (m.id().equals(id)) return m;
        throw new IllegalStateException("no method " + id);
    }

    private static OAuthException challenge(OAuthException e) {
        return e.header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
    }
}
