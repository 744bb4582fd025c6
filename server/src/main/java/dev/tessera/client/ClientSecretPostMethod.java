package dev.tessera.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Param;
import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.TenantId;
import java.util.Set;

/** {@code client_secret_post}: {@code client_id} and {@code client_secret} in the form. Spec: RFC 6749 §2.3.1. */
final class ClientSecretPostMethod implements ClientAuthMethod {
    private final ClientSecretAuthentication secrets;

    ClientSecretPostMethod(ClientSecretAuthentication secrets) {
        this.secrets = secrets;
    }

    @Override
    public ClientAuthenticationMethod id() { return ClientAuthenticationMethod.CLIENT_SECRET_POST; }

    @Override
    public boolean presentedIn(PresentedRequest r) {
        return r.form().optional(Param.CLIENT_SECRET) != null;
    }

    @Override
    public PresentedCredentials parse(PresentedRequest r) {
        String formId = r.form().optional(Param.CLIENT_ID);
        if (formId == null) throw PresentedCredentials.fail("client_secret without client_id");
        return new PresentedCredentials.Secret(new ClientId(formId), r.form().optional(Param.CLIENT_SECRET), id());
    }

    @Override
    public void verify(TenantId tenant, Client client, PresentedCredentials presented, Set<String> audiences) {
        secrets.verify(tenant, client, (PresentedCredentials.Secret) presented);
    }
}
