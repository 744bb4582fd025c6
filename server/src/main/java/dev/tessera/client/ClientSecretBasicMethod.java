package dev.tessera.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
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
        String[] idAndSecret = decode(r.authorization());
        ClientId id;
        try {
            id = new ClientId(idAndSecret[0]);
        } catch (OAuthException e) {
            throw PresentedCredentials.fail("malformed Basic client id").header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
        }
        String formId = r.form().optional(Param.CLIENT_ID);
        if (formId != null && !formId.equals(id.value())) {
            throw OAuthException.invalidRequest("client_id does not match the authenticated client");
        }
        return new PresentedCredentials.Secret(id, idAndSecret[1], id());
    }

    /**
     * RFC 6749 §2.3.1: the client id and secret, each form-urlencoded, joined by the first colon and
     * base64-encoded; decoded exactly, with nothing trimmed (Nimbus's parser trims, so {@code "demo :s"}
     * would name {@code demo}).
     */
    static String[] decode(String authorization) {
        try {
            String token = authorization.substring(6).strip();
            String decoded = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(token))).toString();
            int colon = decoded.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException("no colon");
            String id = java.net.URLDecoder.decode(decoded.substring(0, colon), java.nio.charset.StandardCharsets.UTF_8);
            String secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), java.nio.charset.StandardCharsets.UTF_8);
            if (id.isEmpty() || secret.isEmpty()) throw new IllegalArgumentException("empty id or secret");
            return new String[] {id, secret};
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            throw PresentedCredentials.fail("malformed Basic credentials").header("WWW-Authenticate", PresentedCredentials.BASIC_CHALLENGE);
        }
    }

    @Override
    public void verify(TenantId tenant, Client client, PresentedCredentials presented, Set<String> audiences) {
        secrets.verify(tenant, client, (PresentedCredentials.Secret) presented);
    }

    private static boolean isBasic(String authorization) {
        return authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }
}
