package dev.tessera.client;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;
import dev.tessera.protocol.PresentedRequest;
import dev.tessera.tenant.TenantId;
import java.util.Set;

/** {@code private_key_jwt}: a signed client assertion. Spec: RFC 7523 §2.2; RFC 7521 §4.2; OIDC Core §9. */
final class PrivateKeyJwtMethod implements ClientAuthMethod {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final PrivateKeyJwtAuthentication assertions;

    PrivateKeyJwtMethod(PrivateKeyJwtAuthentication assertions) {
        this.assertions = assertions;
    }

    @Override
    public ClientAuthenticationMethod id() { return ClientAuthenticationMethod.PRIVATE_KEY_JWT; }

    @Override
    public boolean presentedIn(PresentedRequest r) {
        return r.form().optional(Param.CLIENT_ASSERTION) != null || r.form().optional(Param.CLIENT_ASSERTION_TYPE) != null;
    }

    @Override
    public PresentedCredentials parse(PresentedRequest r) {
        String assertion = r.form().optional(Param.CLIENT_ASSERTION);
        if (!JWT_BEARER.equals(r.form().optional(Param.CLIENT_ASSERTION_TYPE)) || assertion == null) {
            throw OAuthException.invalidRequest("Unsupported client_assertion_type or missing client_assertion");
        }
        PrivateKeyJWT jwt;
        try {
            jwt = PrivateKeyJWT.parse(r.form().asMap());
        } catch (ParseException | RuntimeException e) {
            throw PresentedCredentials.fail("malformed client assertion: " + e.getMessage());
        }
        ClientId id = new ClientId(jwt.getClientID().getValue());
        String formId = r.form().optional(Param.CLIENT_ID);
        if (formId != null && !formId.equals(id.value())) {
            throw OAuthException.invalidRequest("client_id does not match the client assertion");
        }
        return new PresentedCredentials.Assertion(id, jwt);
    }

    @Override
    public void verify(TenantId tenant, Client client, PresentedCredentials presented, Set<String> audiences) {
        assertions.verify(tenant, client, (PresentedCredentials.Assertion) presented, audiences);
    }
}
