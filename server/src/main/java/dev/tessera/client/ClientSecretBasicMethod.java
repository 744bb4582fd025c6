package dev.tessera.client;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;
import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.TenantId;
import java.util.Set;

/** {@code client_secret_basic}: HTTP Basic with the client id and secret. Spec: RFC 6749 §2.3.1; RFC 7617. */
final class ClientSecretBasicMethod implements ClientAuthMethod {
    private final ClientSecretAuthentication secrets;

    ClientSecretBasicMethod(ClientSecretAuthentication secrets) {
        this.secrets = secrets;
    }

    @Override
    public ClientAuthenticationMethod id() { return ClientAuthenticationMethod.CLIENT_SECRET_BASIC; }

    /** Basic is the only scheme a client may authenticate with in the Authorization header here. */
    @Override
    public void screen(PresentedRequest r) {
        if (r.authorization() != null && !isBasic(r.authorization())) {
            throw PresentedCredentials.fail("unsupported Authorization scheme").header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
        }
    }

    @Override
    public boolean presentedIn(PresentedRequest r) {
        return r.authorization() != null && isBasic(r.authorization());
    }

    @Override
    public PresentedCredentials parse(PresentedRequest r) {
        ClientSecretBasic b;
        try {
            b = ClientSecretBasic.parse(r.authorization());
        } catch (ParseException | RuntimeException e) {
            throw PresentedCredentials.fail("malformed Basic credentials").header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
        }
        ClientId id = new ClientId(b.getClientID().getValue());
        String formId = r.form().optional(Param.CLIENT_ID);
        if (formId != null && !formId.equals(id.value())) {
            throw OAuthException.invalidRequest("client_id does not match the authenticated client");
        }
        return new PresentedCredentials.Secret(id, b.getClientSecret().getValue(), id());
    }

    @Override
    public void verify(TenantId tenant, Client client, PresentedCredentials presented, Set<String> audiences) {
        secrets.verify(tenant, client, (PresentedCredentials.Secret) presented);
    }

    private static boolean isBasic(String authorization) {
        return authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
