package dev.tessera.spec.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.tessera.spec.authorize.FlowSpecTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The OpenID Provider metadata a relying party needs for the code flow. Spec: OIDC Discovery §3, §4;
 * RFC 8414 §2, §3; RFC 9207 §3; RFC 7636 §6.2; OIDC RP-Initiated Logout §2.1.
 */
@Tag("oidc")
class OidcDiscovery3MetadataTest extends FlowSpecTest {

    @Test
    @DisplayName("OIDC Discovery §3: the required and code-flow members are present with the right values")
    @SuppressWarnings("unchecked")
    void metadata_hasCodeFlowMembers() {
        String t = freshTenant("disco");
        String issuer = server.issuer(t);
        Map<String, Object> md = discovery(t);
        assertThat(md).containsEntry("issuer", issuer)
                .containsEntry("authorization_endpoint", issuer + "/authorize")
                .containsEntry("token_endpoint", issuer + "/token")
                .containsEntry("userinfo_endpoint", issuer + "/userinfo")
                .containsEntry("end_session_endpoint", issuer + "/logout")
                .containsEntry("jwks_uri", issuer + "/jwks")
                .containsEntry("response_types_supported", List.of("code"))
                .containsEntry("code_challenge_methods_supported", List.of("S256"))
                .containsEntry("authorization_response_iss_parameter_supported", true);
        assertThat((List<Object>) md.get("subject_types_supported")).contains("public");
        assertThat((List<Object>) md.get("id_token_signing_alg_values_supported")).contains("ES256");
        assertThat((List<Object>) md.get("scopes_supported")).contains("openid", "profile", "email", "phone", "address",
                "offline_access");
        assertThat((List<Object>) md.get("grant_types_supported")).contains("authorization_code", "refresh_token");
        assertThat((List<Object>) md.get("response_modes_supported")).contains("query", "form_post");
        assertThat((List<Object>) md.get("token_endpoint_auth_methods_supported")).contains("none", "client_secret_basic");
    }

    @Test
    @DisplayName("OIDC Discovery §3: the document parses as OpenID Provider metadata (Nimbus)")
    void metadata_parsesWithNimbus() throws Exception {
        String t = freshTenant("disco");
        OIDCProviderMetadata md = OIDCProviderMetadata.parse(http.get("/t/" + t + "/.well-known/openid-configuration")
                .send().expectStatus(200).body());
        assertThat(md.getIssuer().getValue()).isEqualTo(server.issuer(t));
        assertThat(md.getUserInfoEndpointURI()).isNotNull();
        assertThat(md.getEndSessionEndpointURI()).isNotNull();
        assertThat(md.supportsAuthorizationResponseIssuerParam()).isTrue();
    }

    @Test
    @DisplayName("OIDC Discovery §3: id_token_signing_alg_values_supported names the algorithm ID tokens are signed with")
    @SuppressWarnings("unchecked")
    void signingAlg_matchesIdTokens() throws Exception {
        String t = freshTenant("disco", "\"signingAlgorithm\":\"RS256\"");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        String alg = SignedJWT.parse(tokens(browser(), authRequest(t, c), "alice").idToken()).getHeader().getAlgorithm().getName();
        assertThat(alg).isEqualTo("RS256");
        assertThat((List<Object>) discovery(t).get("id_token_signing_alg_values_supported")).contains(alg);
    }

    @Test
    @DisplayName("OIDC Discovery §3 (MUST include RS256), CONTRACT §2: a default ES256 tenant lists RS256 first and signs ID tokens RS256")
    @SuppressWarnings("unchecked")
    void defaultTenant_offersAndUsesRs256() throws Exception {
        String t = freshTenant("disco");
        Map<String, Object> md = discovery(t);
        for (String member : List.of("id_token_signing_alg_values_supported", "userinfo_signing_alg_values_supported",
                "introspection_signing_alg_values_supported")) {
            assertThat((List<Object>) md.get(member)).as(member).containsExactly("RS256", "ES256");
        }
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        assertThat(SignedJWT.parse(tokens(browser(), authRequest(t, c), "alice").idToken()).getHeader().getAlgorithm().getName())
                .isEqualTo("RS256");
    }

    @Test
    @DisplayName("RFC 8414 §3.1: the path-inserted well-known URL serves the same document")
    void rfc8414Location_servesSameDocument() {
        String t = freshTenant("disco");
        Map<String, Object> oidc = discovery(t);
        Map<String, Object> oauth = http.get("/.well-known/oauth-authorization-server/t/" + t).send().expectStatus(200).json();
        assertThat(oauth).isEqualTo(oidc);
    }

    @Test
    @DisplayName("CONTRACT §2: every listed browser endpoint answers (no 404)")
    void listedEndpoints_answer() {
        String t = freshTenant("disco");
        Map<String, Object> md = discovery(t);
        String base = server.baseUrl;
        assertThat(browser().get(((String) md.get("authorization_endpoint")).substring(base.length())).status()).isEqualTo(400);
        assertThat(http.get(((String) md.get("userinfo_endpoint")).substring(base.length())).send().status()).isEqualTo(401);
        assertThat(browser().get(((String) md.get("end_session_endpoint")).substring(base.length())).status()).isEqualTo(200);
    }
}
