package dev.tessera.http;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.grant.GrantRegistry;
import dev.tessera.keys.KeyDefaults;
import dev.tessera.keys.KeyService;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Discovery and JWKS. The metadata is generated from what is registered: grant types from the grant
 * registry, authentication methods from the authenticator. Spec: RFC 8414 §2–3; OIDC Discovery §3–4; RFC 7517 §5.
 */
final class DiscoveryEndpoint {
    private static final List<JWSAlgorithm> ASSERTION_ALGS = List.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.EdDSA);

    private final TenantDirectory tenants;
    private final GrantRegistry grants;
    private final ClientAuthenticator authenticator;
    private final KeyService keys;
    private final IssuerUrls issuers;

    DiscoveryEndpoint(TenantDirectory tenants, GrantRegistry grants, ClientAuthenticator authenticator, KeyService keys,
                      IssuerUrls issuers) {
        this.tenants = tenants;
        this.grants = grants;
        this.authenticator = authenticator;
        this.keys = keys;
        this.issuers = issuers;
    }

    void metadata(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String issuer = issuers.issuer(tenant.id());
        AuthorizationServerMetadata md = new AuthorizationServerMetadata(new Issuer(issuer));
        md.setTokenEndpointURI(URI.create(issuer + "/token"));
        md.setJWKSetURI(URI.create(issuer + "/jwks"));
        md.setRegistrationEndpointURI(URI.create(issuer + "/register"));
        md.setIntrospectionEndpointURI(URI.create(issuer + "/introspect"));
        md.setRevocationEndpointURI(URI.create(issuer + "/revoke"));
        List<GrantType> gts = new ArrayList<>();
        for (String g : grants.supported()) gts.add(new GrantType(g));
        md.setGrantTypes(gts);
        List<ClientAuthenticationMethod> methods = authenticator.supported();
        md.setTokenEndpointAuthMethods(methods);
        md.setTokenEndpointJWSAlgs(ASSERTION_ALGS);
        List<ClientAuthenticationMethod> confidential = methods.stream()
                .filter(m -> !m.equals(ClientAuthenticationMethod.NONE)).toList();
        md.setIntrospectionEndpointAuthMethods(confidential);
        md.setIntrospectionEndpointJWSAlgs(ASSERTION_ALGS);
        md.setRevocationEndpointAuthMethods(methods);
        md.setRevocationEndpointJWSAlgs(ASSERTION_ALGS);
        md.setAuthorizationEndpointURI(URI.create(issuer + "/authorize"));
        md.setCodeChallengeMethods(List.of(com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256));
        md.setResponseModes(List.of(com.nimbusds.oauth2.sdk.ResponseMode.QUERY, com.nimbusds.oauth2.sdk.ResponseMode.FORM_POST));
        md.setSupportsAuthorizationResponseIssuerParam(true);
        var json = md.toJSONObject();
        // CONTRACT §2: exactly what a client may register as its *_signed_response_alg (RS256 first, the default)
        List<String> selectable = keys.keys(tenant.id()).clientSelectableAlgorithms();
        json.put("response_types_supported", List.of("code"));
        json.put("userinfo_endpoint", issuer + "/userinfo");
        json.put("end_session_endpoint", issuer + "/logout");
        json.put("subject_types_supported", List.of("public"));
        json.put("id_token_signing_alg_values_supported", selectable);
        json.put("userinfo_signing_alg_values_supported", selectable);
        json.put("scopes_supported", List.of("openid", "profile", "email", "phone", "address", "offline_access"));
        json.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "sid",
                "at_hash", "azp", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
                "profile", "picture", "locale", "zoneinfo", "updated_at", "email", "email_verified", "phone_number",
                "phone_number_verified", "address"));
        json.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
        json.put("claims_parameter_supported", false);
        json.put("request_parameter_supported", false);
        json.put("request_uri_parameter_supported", false);
        json.put("introspection_signing_alg_values_supported", selectable);            // RFC 9701 §7
        json.put("tenant_id", tenant.id().value());
        json.put("tessera_forward_auth_endpoint", issuer + "/forward-auth");   // CONTRACT §2, §6.1 (not a registered member)
        ctx.header("Cache-Control", "public, max-age=300");
        ResponseWriter.json(ctx, 200, json);
    }

    void jwks(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.header("Cache-Control", "public, max-age=" + KeyDefaults.JWKS_MAX_AGE_SECONDS);
        ctx.result("application/jwk-set+json", keys.keys(tenant.id()).publicJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
