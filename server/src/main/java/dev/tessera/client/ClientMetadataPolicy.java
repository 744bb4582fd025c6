package dev.tessera.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import dev.tessera.outbound.OutboundPolicy;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.protocol.Scope;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import dev.tessera.tenant.TenantId;
import net.minidev.json.JSONObject;

/**
 * Validates registration metadata and fills in defaults. Nimbus parses; this class decides.
 * Spec: RFC 7591 §2 and §3.2.2; RFC 8252 §7 (redirect URIs of native apps); CONTRACT §3.
 */
public final class ClientMetadataPolicy {
    private static final Set<String> SERVER_MANAGED = Set.of("client_id", "client_secret", "client_id_issued_at",
            "client_secret_expires_at", "registration_access_token", "registration_client_uri");

    /** One year: the longest {@code default_max_age} (OIDC Registration §2) Tessera stores. */
    public static final long MAX_DEFAULT_MAX_AGE = 31_536_000;

    /** The members naming the {@code alg} of a response signed for the client (OIDC Registration §2, RFC 9701 §6). */
    static final List<String> SIGNED_RESPONSE_ALGS = List.of(Client.ID_TOKEN_SIGNED_RESPONSE_ALG,
            Client.USERINFO_SIGNED_RESPONSE_ALG, Client.INTROSPECTION_SIGNED_RESPONSE_ALG);

    private final Set<String> supportedGrants;
    private final java.util.List<ClientAuthenticationMethod> authMethods;
    private final OutboundPolicy outbound;
    private final Function<TenantId, List<String>> selectableAlgorithms;

    /**
     * @param supportedGrants grant types this server handles (from the grant registry)
     * @param authMethods client-authentication methods it handles (from the authenticator)
     * @param outbound which URLs Tessera fetches ({@code jwks_uri}): public https unless private ranges are allowed
     * @param selectableAlgorithms per tenant, the algorithms a client may choose for the responses signed
     *        for it (what discovery lists: RS256 and the tenant's {@code signingAlgorithm})
     */
    public ClientMetadataPolicy(Set<String> supportedGrants, java.util.List<ClientAuthenticationMethod> authMethods,
                                OutboundPolicy outbound, Function<TenantId, List<String>> selectableAlgorithms) {
        this.supportedGrants = Set.copyOf(supportedGrants);
        this.authMethods = java.util.List.copyOf(authMethods);
        this.outbound = outbound;
        this.selectableAlgorithms = selectableAlgorithms;
    }

    /** {@link #validate(Map)}, plus what depends on the tenant: the signed-response algorithms. */
    public ClientMetadata validate(TenantId tenant, Map<String, Object> json) {
        ClientMetadata md = validate(json);
        validateSignedResponseAlgs(json, md, () -> selectableAlgorithms.apply(tenant));
        return md;
    }

    /**
     * {@code id_token_signed_response_alg}, {@code userinfo_signed_response_alg} and
     * {@code introspection_signed_response_alg}: each, when present, a string naming an algorithm the
     * tenant offers (no {@code none}, no HS256: Tessera holds no client secret to MAC with), else
     * {@code invalid_client_metadata}. RFC 7591 §3.2.1: the response says what is applied, so the ID
     * token's default (RS256, OIDC Registration §2) is filled in; userinfo without the member stays
     * plain JSON, and the introspection JWT's default is RS256 (RFC 9701 §6) when asked for.
     */
    static void validateSignedResponseAlgs(Map<String, Object> json, ClientMetadata md,
                                           java.util.function.Supplier<List<String>> selectable) {
        for (String member : SIGNED_RESPONSE_ALGS) {
            Object v = json.get(member);
            if (v == null && !json.containsKey(member)) continue;
            if (!(v instanceof String alg)) throw metadata(member + " must be a string");
            List<String> offered = selectable.get();
            if (!offered.contains(alg)) {
                throw metadata(member + " must be one of " + String.join(", ", offered));
            }
            md.setCustomField(member, alg);
        }
        if (md.getCustomField(Client.ID_TOKEN_SIGNED_RESPONSE_ALG) == null) {
            md.setCustomField(Client.ID_TOKEN_SIGNED_RESPONSE_ALG, "RS256");
        }
    }

    public ClientMetadata validate(Map<String, Object> json) {
        JSONObject copy = new JSONObject();
        json.forEach((k, v) -> {
            if (!SERVER_MANAGED.contains(k)) copy.put(k, v);
        });
        ClientMetadata md;
        try {
            md = ClientMetadata.parse(copy);
        } catch (ParseException | RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("redirect_uri")) throw redirect("A redirect URI is invalid");
            // Nimbus appends the cause after ": " (a ClassCastException names JVM classes): logs only
            int cause = m.indexOf(": ");
            throw metadata("The client metadata is invalid: " + safe(cause > 0 ? m.substring(0, cause) : m)).detail(safe(m));
        }
        if (md.getGrantTypes() == null || md.getGrantTypes().isEmpty()) {
            md.setGrantTypes(Set.of(supportedGrants.contains("authorization_code")
                    ? GrantType.AUTHORIZATION_CODE : GrantType.CLIENT_CREDENTIALS));
        }
        for (GrantType g : md.getGrantTypes()) {
            if (!supportedGrants.contains(g.getValue())) {
                throw metadata("Unsupported grant type: " + safe(g.getValue()));
            }
        }
        if (md.getTokenEndpointAuthMethod() == null) {
            md.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        }
        ClientAuthenticationMethod method = md.getTokenEndpointAuthMethod();
        if (!authMethods.contains(method)) {
            throw metadata("Unsupported token_endpoint_auth_method");
        }
        if (ClientAuthenticationMethod.NONE.equals(method) && md.getGrantTypes().contains(GrantType.CLIENT_CREDENTIALS)) {
            throw metadata("Public clients cannot use the client_credentials grant");
        }
        if (md.getJWKSet() != null && md.getJWKSetURI() != null) {
            throw metadata("jwks and jwks_uri are mutually exclusive");
        }
        if (md.getJWKSet() != null) {
            for (JWK k : md.getJWKSet().getKeys()) {
                if (k.isPrivate()) throw metadata("jwks must hold public keys only");
            }
        }
        validateJwksUri(md.getJWKSetURI());
        if (ClientAuthenticationMethod.PRIVATE_KEY_JWT.equals(method) && md.getJWKSet() == null && md.getJWKSetURI() == null) {
            throw metadata("private_key_jwt requires jwks or jwks_uri");
        }
        boolean code = md.getGrantTypes().contains(GrantType.AUTHORIZATION_CODE);
        if (code) {
            if (md.getRedirectionURIs() == null || md.getRedirectionURIs().isEmpty()) {
                throw redirect("redirect_uris are required for the authorization_code grant");
            }
            if (md.getResponseTypes() == null || md.getResponseTypes().isEmpty()) {
                md.setResponseTypes(Set.of(ResponseType.CODE));
            }
        } else if (md.getResponseTypes() != null && !md.getResponseTypes().isEmpty()) {
            throw metadata("response_types require the authorization_code grant");
        }
        if (md.getResponseTypes() != null) {
            for (ResponseType rt : md.getResponseTypes()) {
                if (!rt.equals(ResponseType.CODE)) throw metadata("Only the code response type is supported");
            }
        }
        if (md.getRedirectionURIs() != null) {
            for (URI u : md.getRedirectionURIs()) validateRedirect(u);
        }
        if (md.getScope() != null) {
            try {
                Scope.parse(md.getScope().toString());
            } catch (OAuthException e) {
                throw metadata("scope is malformed");
            }
        }
        Object format = md.getCustomField(Client.ACCESS_TOKEN_FORMAT);
        if (format != null && !"opaque".equals(format) && !"jwt".equals(format)) {
            throw metadata("access_token_format must be \"opaque\" or \"jwt\"");
        }
        Object consent = md.getCustomField(Client.CONSENT_REQUIRED);
        if (consent != null && !(consent instanceof Boolean)) {
            throw metadata("consent_required must be a boolean");
        }
        Object logout = json.get("post_logout_redirect_uris");
        if (logout != null) {
            if (!(logout instanceof List<?> list)) throw metadata("post_logout_redirect_uris must be an array");
            for (Object o : list) {
                if (!(o instanceof String str)) throw metadata("post_logout_redirect_uris must hold strings");
                try {
                    validateRedirect(new URI(str));
                } catch (java.net.URISyntaxException e) {
                    throw redirect("A post-logout redirect URI is invalid");
                }
            }
        }
        Object maxAge = json.get(Client.DEFAULT_MAX_AGE);
        if (maxAge != null && !inRange(maxAge, 0, MAX_DEFAULT_MAX_AGE)) {
            throw metadata("default_max_age must be an integer between 0 and " + MAX_DEFAULT_MAX_AGE);
        }
        if (consent == null) {
            // RFC 7591 §3.2.1: the response carries the values the server provisioned (CONTRACT §3: default false)
            md.setCustomField(Client.CONSENT_REQUIRED, false);
        }
        Object version = json.get("software_version");
        if (version != null && !(version instanceof String)) {
            // Nimbus takes any JSON value's toString() here; RFC 7591 §2 defines a string
            throw metadata("software_version must be a string");
        }
        for (String key : List.of("dpop_bound_access_tokens", "tls_client_certificate_bound_access_tokens")) {
            Object v = json.get(key);
            if (v != null && !(v instanceof Boolean)) throw metadata(key + " must be a boolean");
        }
        return definedMembersOnly(md);
    }

    /**
     * Only the members Tessera defines ({@link Client#TESSERA_MEMBERS}) are kept. Everything was
     * checked first (Nimbus checks the type of every member it knows), so a malformed standard member
     * is still refused; the jwks check above sees private keys, which Nimbus's JSON form leaves out.
     */
    static ClientMetadata definedMembersOnly(ClientMetadata md) {
        JSONObject o = md.toJSONObject();
        o.keySet().removeIf(k -> !Client.isDefinedMember(k));
        try {
            return ClientMetadata.parse(o);
        } catch (ParseException e) {
            throw new IllegalStateException("metadata Nimbus wrote does not parse again", e);
        }
    }

    /** A JSON integer (never a fraction, a string or a number beyond {@code long}) within {@code [min, max]}. */
    static boolean inRange(Object v, long min, long max) {
        if (!(v instanceof Integer || v instanceof Long)) return false;
        long l = ((Number) v).longValue();
        return l >= min && l <= max;
    }

    /**
     * RFC 7591 §2: Tessera fetches the {@code jwks_uri}, so it must be a URL the outbound policy
     * allows (https; an address literal must be public). Names are checked again at every fetch.
     */
    private void validateJwksUri(URI uri) {
        if (uri == null) return;
        String refusal = outbound.refusal(uri);
        if (refusal != null) throw metadata("jwks_uri " + refusal);
    }

    /**
     * RFC 7591 §2 / RFC 6749 §3.1.2: absolute, no fragment; https, loopback http, or a private-use scheme.
     * No userinfo (RFC 9700 §4.1.1 lists {@code user@host} among the redirect URI tricks; RFC 3986 §7.5
     * deprecates passwords in URIs): a browser sent there shows a host other than the one it opens.
     */
    private static void validateRedirect(URI u) {
        if (!u.isAbsolute() || u.getRawFragment() != null) {
            throw redirect("Redirect URIs must be absolute and carry no fragment");
        }
        if (u.getRawUserInfo() != null || (u.getRawAuthority() != null && u.getRawAuthority().contains("@"))) {
            throw redirect("Redirect URIs must not carry userinfo");
        }
        String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("http") && !isLoopback(u) && !"localhost".equalsIgnoreCase(u.getHost())) {
            throw redirect("Plain http redirect URIs are allowed for loopback addresses only");
        }
        if (scheme.equals("javascript") || scheme.equals("data") || scheme.equals("vbscript") || scheme.equals("file")) {
            throw redirect("This redirect URI scheme is not allowed");
        }
        if ((scheme.equals("http") || scheme.equals("https")) && (u.getHost() == null || u.getHost().isEmpty())) {
            throw redirect("Redirect URIs must name a host");
        }
    }

    static boolean isLoopback(URI u) {
        String h = u.getHost();
        return h != null && (h.equals("127.0.0.1") || h.equals("[::1]") || h.equals("::1") || h.startsWith("127."));
    }

    private static String safe(String s) {
        String t = s.replaceAll("[^\\x20-\\x7E]", "?");
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    private static OAuthException metadata(String m) {
        return new OAuthException(ErrorCode.INVALID_CLIENT_METADATA, m);
    }

    private static OAuthException redirect(String m) {
        return new OAuthException(ErrorCode.INVALID_REDIRECT_URI, m);
    }
}
