package dev.tessera.spec.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import dev.tessera.client.ClientAuthenticator;
import dev.tessera.server.Setting;
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import dev.tessera.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 8414 §2–3 and OpenID Connect Discovery 1.0 §4 (CONTRACT §2): per-tenant metadata at both
 * well-known URLs, generated from what the server really supports.
 */
@Tag("rfc8414")
class Rfc8414Section3DiscoveryTest extends SpecTest {
    /** Grant types a token endpoint may be asked for (RFC 6749, 7522, 7523, 8628, 8693). */
    private static final List<String> KNOWN_GRANT_TYPES = List.of("authorization_code", "refresh_token", "password",
            "client_credentials", "implicit", "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "urn:ietf:params:oauth:grant-type:saml2-bearer", "urn:openid:params:grant-type:ciba");

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Http.Response oidc(String t) {
        return http.get("/t/" + t + "/.well-known/openid-configuration").send();
    }

    private Http.Response rfc8414(String t) {
        return http.get("/.well-known/oauth-authorization-server/t/" + t).send();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> md, String member) {
        assertThat(md.get(member)).as(member).isInstanceOf(List.class);
        return (List<String>) md.get(member);
    }

    @Test
    @DisplayName("RFC 8414 §3.1 / OIDC Discovery §4: both well-known URLs → 200 application/json, the same document")
    void bothUrls_serveTheSameDocument() {
        String t = fresh("both");
        createTenant(t);
        Http.Response a = oidc(t).expectStatus(200);
        Http.Response b = rfc8414(t).expectStatus(200);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(b.header("Content-Type")).startsWith("application/json");
        assertThat(a.json()).isEqualTo(b.json());
    }

    @Test
    @DisplayName("RFC 8414 §3.3: issuer equals {publicUrl}/t/T exactly")
    void issuer_isExact() {
        String t = fresh("iss");
        createTenant(t);
        Map<String, Object> md = oidc(t).expectStatus(200).json();
        assertThat(md.get("issuer")).isEqualTo(server.tessera.publicUrl() + "/t/" + t);
        assertThat(md.get("issuer")).isEqualTo(server.baseUrl + "/t/" + t);
        assertThat(md).containsEntry("tenant_id", t);
    }

    @Test
    @DisplayName("RFC 8414 §2: the required members are present (issuer, response_types_supported) with correct types")
    void requiredMembers_arePresent() {
        String t = fresh("req");
        createTenant(t);
        Map<String, Object> md = oidc(t).expectStatus(200).json();
        assertThat(md.get("issuer")).isInstanceOf(String.class);
        strings(md, "response_types_supported");
        assertThat(md.get("jwks_uri")).isEqualTo(server.issuer(t) + "/jwks");
        assertThat(md.get("token_endpoint")).isEqualTo(server.issuer(t) + "/token");
        assertThat(md.get("registration_endpoint")).isEqualTo(server.issuer(t) + "/register");
        assertThat(md.get("introspection_endpoint")).isEqualTo(server.issuer(t) + "/introspect");
        assertThat(md.get("revocation_endpoint")).isEqualTo(server.issuer(t) + "/revoke");
    }

    @Test
    @DisplayName("CONTRACT §2: every endpoint listed lives under the issuer path and answers (no 404, no 5xx)")
    void everyListedEndpoint_isUnderTheIssuerAndAnswers() {
        String t = fresh("ep");
        createTenant(t);
        Map<String, Object> md = oidc(t).expectStatus(200).json();
        String issuer = (String) md.get("issuer");
        int endpoints = 0;
        for (Map.Entry<String, Object> e : md.entrySet()) {
            if (!e.getKey().endsWith("_endpoint") && !e.getKey().endsWith("_uri")) continue;
            String url = (String) e.getValue();
            assertThat(url).as(e.getKey()).startsWith(issuer + "/");
            String path = url.substring(server.baseUrl.length());
            String method = e.getKey().equals("jwks_uri") ? "GET" : "POST";
            Http.Response r = http.method(method, path).body("application/x-www-form-urlencoded", "").send();
            assertThat(r.status()).as("%s %s → %s", method, url, r.body()).isNotEqualTo(404).isLessThan(500);
            endpoints++;
        }
        assertThat(endpoints).isGreaterThanOrEqualTo(5);
        http.get("/t/" + t + "/jwks").send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 8414 §2: grant_types_supported is exactly what the token endpoint handles")
    void grantTypesSupported_matchesTheTokenEndpoint() {
        String t = fresh("grants");
        createTenant(t);
        List<String> listed = strings(oidc(t).expectStatus(200).json(), "grant_types_supported");
        assertThat(listed).isNotEmpty().doesNotHaveDuplicates().contains("client_credentials");
        RegisteredClient c = serviceClient(t, "opaque");
        for (String g : KNOWN_GRANT_TYPES) {
            Http.Response r = http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret())
                    .form("grant_type", g).send();
            if (listed.contains(g)) {
                assertThat(r.status() == 200 || !"unsupported_grant_type".equals(r.string("error")))
                        .as("listed %s → %s", g, r.body()).isTrue();
            } else {
                r.expectStatus(400).expectError("unsupported_grant_type");
            }
        }
        for (String g : listed) {
            assertThat(KNOWN_GRANT_TYPES).as("grant type %s is unknown to this test", g).contains(g);
        }
    }

    @Test
    @DisplayName("RFC 8414 §2: token_endpoint_auth_methods_supported comes from the authenticator; others are refused at registration")
    void authMethods_matchTheAuthenticator() {
        String t = fresh("auth");
        createTenant(t);
        Map<String, Object> md = oidc(t).expectStatus(200).json();
        List<String> expected = ClientAuthenticator.standard(null, null, null, null, null).supported().stream().map(ClientAuthenticationMethod::getValue).toList();
        assertThat(strings(md, "token_endpoint_auth_methods_supported")).containsExactlyInAnyOrderElementsOf(expected);
        for (String unsupported : List.of("client_secret_jwt", "tls_client_auth", "self_signed_tls_client_auth")) {
            assertThat(expected).doesNotContain(unsupported);
            http.post("/t/" + t + "/register").bearer(adminToken()).json("{\"grant_types\":[\"client_credentials\"],"
                    + "\"token_endpoint_auth_method\":\"" + unsupported + "\"}").send()
                    .expectStatus(400).expectError("invalid_client_metadata");
        }
        if (strings(md, "token_endpoint_auth_methods_supported").contains("private_key_jwt")) {
            assertThat(strings(md, "token_endpoint_auth_signing_alg_values_supported")).isNotEmpty().doesNotContain("none");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "RS256", "EdDSA"})
    @DisplayName("RFC 9701 §7, CONTRACT §2: introspection_signing_alg_values_supported is RS256 and the tenant's signing algorithm")
    void introspectionSigningAlg_followsTheTenant(String alg) {
        String t = fresh("ialg");
        putTenant(t, "{\"displayName\":\"Alg\",\"signingAlgorithm\":\"" + alg + "\"}");
        List<String> expected = alg.equals("RS256") ? List.of("RS256") : List.of("RS256", alg);
        Map<String, Object> md = oidc(t).expectStatus(200).json();
        assertThat(strings(md, "introspection_signing_alg_values_supported")).containsExactlyElementsOf(expected);
        assertThat(strings(md, "id_token_signing_alg_values_supported")).containsExactlyElementsOf(expected);
        assertThat(strings(md, "userinfo_signing_alg_values_supported")).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("CONTRACT §2: each tenant has its own document; other tenants' URLs do not appear in it")
    void documents_arePerTenant() {
        String a = fresh("doc-a");
        String b = fresh("doc-b");
        createTenant(a);
        createTenant(b);
        String docA = oidc(a).expectStatus(200).body();
        assertThat(docA).doesNotContain("/t/" + b);
        assertThat(oidc(b).expectStatus(200).json().get("issuer")).isEqualTo(server.issuer(b));
    }

    @Test
    @DisplayName("CONTRACT §2: an unknown tenant → 404 at both URLs and at its JWKS")
    void unknownTenant_is404() {
        String t = fresh("nobody");
        oidc(t).expectStatus(404);
        rfc8414(t).expectStatus(404);
        http.get("/t/" + t + "/jwks").send().expectStatus(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upper", "under_score", "-dash", "%2e%2e", "a0123456789012345678901234567890123456789012345678901234567890123"})
    @DisplayName("CONTRACT §2: an invalid tenant id → 404 at both URLs and at its JWKS")
    void invalidTenantId_is404(String id) {
        oidc(id).expectStatus(404);
        rfc8414(id).expectStatus(404);
        http.get("/t/" + id + "/jwks").send().expectStatus(404);
    }

    @Test
    @DisplayName("RFC 8414 §3.3: with TESSERA_PUBLIC_URL set (trailing slash and all), issuer is {publicUrl}/t/T exactly")
    void configuredPublicUrl_definesTheIssuer() {
        try (TestServer proxied = TestServer.start(Map.of(Setting.PUBLIC_URL, "https://auth.example.com/"))) {
            Http h = new Http(proxied.baseUrl);
            Map<String, Object> md = h.get("/t/system/.well-known/openid-configuration").send().expectStatus(200).json();
            assertThat(md.get("issuer")).isEqualTo("https://auth.example.com/t/system");
            assertThat(md.get("token_endpoint")).isEqualTo("https://auth.example.com/t/system/token");
            assertThat(md.get("jwks_uri")).isEqualTo("https://auth.example.com/t/system/jwks");
            assertThat(h.get("/.well-known/oauth-authorization-server/t/system").send().expectStatus(200).json())
                    .isEqualTo(md);
        }
    }
}
