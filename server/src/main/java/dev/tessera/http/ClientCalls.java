package dev.tessera.http;

import dev.tessera.client.AuthenticatedClient;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.client.PresentedCredentials;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.TenantId;
import java.util.Set;

/**
 * The shared first steps of the endpoints a client authenticates to (token, introspection,
 * revocation): the request as presented, then its client presented (recorded for the audit event
 * before the proof is checked) and verified.
 */
final class ClientCalls {
    private ClientCalls() {}

    static PresentedRequest presented(Exchange x, FormParameters form) {
        return new PresentedRequest(x.method(), x.requestUri(), x.header("Authorization"), x.headers("DPoP"),
                x.clientCertificate(), form);
    }

    static AuthenticatedClient authenticate(Exchange x, ClientAuthenticator authenticator, TenantId tenant,
                                            PresentedRequest request, Set<String> audiences, boolean allowPublic) {
        PresentedCredentials presented = authenticator.present(request);
        if (presented != null) x.audit().presented(presented.clientId());
        AuthenticatedClient client = authenticator.verify(tenant, presented, audiences, allowPublic);
        Logs.client(client.clientId());
        return client;
    }
}
