package dev.tessera.client;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Param;

/**
 * What a request presents to identify its client: parsed with Nimbus, never verified here.
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

    /** Parses the credentials of a request; null if it presents none at all. */
    static PresentedCredentials parse(String authorization, FormParameters form) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (authorization != null && !basic) {
            throw fail("unsupported Authorization scheme").header("WWW-Authenticate", BASIC_CHALLENGE);
        }
        String formId = form.optional(Param.CLIENT_ID);
        String formSecret = form.optional(Param.CLIENT_SECRET);
        String assertion = form.optional(Param.CLIENT_ASSERTION);
        String assertionType = form.optional(Param.CLIENT_ASSERTION_TYPE);
        int methods = (basic ? 1 : 0) + (formSecret != null ? 1 : 0) + (assertion != null || assertionType != null ? 1 : 0);
        if (methods > 1) {
            throw OAuthException.invalidRequest("More than one client authentication method was used");
        }
        if (basic) {
            ClientSecretBasic b;
            try {
                b = ClientSecretBasic.parse(authorization);
            } catch (ParseException | RuntimeException e) {
                throw fail("malformed Basic credentials").header("WWW-Authenticate", BASIC_CHALLENGE);
            }
            ClientId id = new ClientId(b.getClientID().getValue());
            if (formId != null && !formId.equals(id.value())) {
                throw OAuthException.invalidRequest("client_id does not match the authenticated client");
            }
            return new Secret(id, b.getClientSecret().getValue(), ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        if (formSecret != null) {
            if (formId == null) throw fail("client_secret without client_id");
            return new Secret(new ClientId(formId), formSecret, ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        if (assertion != null || assertionType != null) {
            if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(assertionType) || assertion == null) {
                throw OAuthException.invalidRequest("Unsupported client_assertion_type or missing client_assertion");
            }
            PrivateKeyJWT jwt;
            try {
                jwt = PrivateKeyJWT.parse(form.asMap());
            } catch (ParseException | RuntimeException e) {
                throw fail("malformed client assertion: " + e.getMessage());
            }
            ClientId id = new ClientId(jwt.getClientID().getValue());
            if (formId != null && !formId.equals(id.value())) {
                throw OAuthException.invalidRequest("client_id does not match the client assertion");
            }
            return new Assertion(id, jwt);
        }
        if (formId != null) {
            return new PublicId(new ClientId(formId));
        }
        return null;
    }

    static OAuthException fail(String detail) {
        return new OAuthException(ErrorCode.INVALID_CLIENT, "Client authentication failed").detail(detail);
    }
}
