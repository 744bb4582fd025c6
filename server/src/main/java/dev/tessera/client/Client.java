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
    /** OIDC Registration §2: the default {@code max_age} of the client's authorization requests, in seconds. */
    public static final String DEFAULT_MAX_AGE = "default_max_age";
    public static final String POST_LOGOUT_REDIRECT_URIS = "post_logout_redirect_uris";

    /**
     * The metadata members Tessera defines (RFC 7591 §2, RFC 7592, OIDC Registration §2, RFC 9449 §5.2,
     * RFC 8705 §3.4 and its own two): anything else a registration carries is dropped, neither stored nor
     * echoed (RFC 7591 §2 lets the server ignore members it does not understand). Every member here has
     * a rule in {@link RegistrationTokenPolicy}.
     */
    public static final java.util.Set<String> TESSERA_MEMBERS = java.util.Set.of(
            "redirect_uris", POST_LOGOUT_REDIRECT_URIS, "grant_types", "response_types", "scope",
            "token_endpoint_auth_method", "token_endpoint_auth_signing_alg", "jwks", "jwks_uri",
            "client_name", "logo_uri", "client_uri", "policy_uri", "tos_uri", "contacts",
            "software_id", "software_version", "software_statement",
            ACCESS_TOKEN_FORMAT, CONSENT_REQUIRED, "dpop_bound_access_tokens", "tls_client_certificate_bound_access_tokens",
            DEFAULT_MAX_AGE, "id_token_signed_response_alg", "userinfo_signed_response_alg", "introspection_signed_response_alg");

    /** RFC 7591 §2.2: the human-readable members that may carry a language tag ({@code client_name#de}). */
    static final java.util.Set<String> LANGUAGE_TAGGED = java.util.Set.of("client_name", "logo_uri", "client_uri",
            "policy_uri", "tos_uri");

    /** True for a member of {@link #TESSERA_MEMBERS}, or a language-tagged form of one that may carry a tag. */
    public static boolean isDefinedMember(String name) {
        int hash = name.indexOf('#');
        if (hash < 0) return TESSERA_MEMBERS.contains(name);
        return LANGUAGE_TAGGED.contains(name.substring(0, hash)) && name.substring(hash + 1).matches("[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*");
    }

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

    /** OIDC Registration §2 {@code default_max_age} in seconds, or -1 when the client registered none. */
    public long defaultMaxAge() {
        Object v = metadata.getCustomField(DEFAULT_MAX_AGE);
        return v instanceof Integer || v instanceof Long ? ((Number) v).longValue() : -1;
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
