package dev.tessera.client;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import java.time.Instant;

/**
 * A registered client. Standard metadata is Nimbus's {@link ClientMetadata}; Tessera's own members
 * ({@code access_token_format}, {@code consent_required}) ride in its custom fields.
 * Secrets and registration access tokens are held only as keyed hashes.
 */
public record Client(ClientId clientId, String secretHash, String registrationTokenHash,
                     ClientMetadata metadata, Instant createdAt, Instant updatedAt) {

    public static final String ACCESS_TOKEN_FORMAT = "access_token_format";
    public static final String CONSENT_REQUIRED = "consent_required";
    /** OIDC Registration §2: the ID token's {@code alg} (default RS256). */
    public static final String ID_TOKEN_SIGNED_RESPONSE_ALG = "id_token_signed_response_alg";
    /** OIDC Registration §2: userinfo as a JWT signed with this {@code alg}; absent: plain JSON. */
    public static final String USERINFO_SIGNED_RESPONSE_ALG = "userinfo_signed_response_alg";
    /** RFC 9701 §6: the introspection JWT's {@code alg} (default RS256). */
    public static final String INTROSPECTION_SIGNED_RESPONSE_ALG = "introspection_signed_response_alg";

    public ClientAuthenticationMethod authMethod() {
        ClientAuthenticationMethod m = metadata.getTokenEndpointAuthMethod();
        return m == null ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : m;
    }

    public boolean isPublic() {
        return ClientAuthenticationMethod.NONE.equals(authMethod());
    }

    public boolean allowsGrant(GrantType grantType) {
        return metadata.getGrantTypes() != null && metadata.getGrantTypes().contains(grantType);
    }

    public Scope registeredScope() {
        com.nimbusds.oauth2.sdk.Scope s = metadata.getScope();
        return s == null ? Scope.EMPTY : Scope.parse(s.toString());
    }

    /** "opaque", "jwt", or null for the tenant default. */
    public String accessTokenFormat() {
        Object v = metadata.getCustomField(ACCESS_TOKEN_FORMAT);
        return v instanceof String s ? s : null;
    }

    public boolean consentRequired() {
        return Boolean.TRUE.equals(metadata.getCustomField(CONSENT_REQUIRED));
    }

    /** The registered {@code id_token_signed_response_alg}, or null for the default (RS256). */
    public String idTokenSignedResponseAlg() {
        return stringField(ID_TOKEN_SIGNED_RESPONSE_ALG);
    }

    /** The registered {@code userinfo_signed_response_alg}, or null: userinfo answers plain JSON. */
    public String userInfoSignedResponseAlg() {
        return stringField(USERINFO_SIGNED_RESPONSE_ALG);
    }

    /** The registered {@code introspection_signed_response_alg}, or null for the default (RS256). */
    public String introspectionSignedResponseAlg() {
        return stringField(INTROSPECTION_SIGNED_RESPONSE_ALG);
    }

    private String stringField(String member) {
        Object v = metadata.getCustomField(member);
        return v instanceof String s ? s : null;
    }
}
