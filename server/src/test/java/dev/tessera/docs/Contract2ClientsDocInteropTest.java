package dev.tessera.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Http;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/clients.md true against a running server (issue 9 item 13): every Tessera URL it names
 * is an endpoint discovery lists, every registration body registers and works, what it says the
 * server offers is in discovery, and the Java snippets run: Nimbus {@code OIDCProviderMetadata.resolve}
 * and {@code IDTokenValidator} with RS256, the JWT processing Spring's decoders do with Nimbus (RS256 ID
 * tokens by default; {@code at+jwt} refused until allowed), and the client quirks it describes.
 * Spec: CONTRACT §2, §3; OIDC Discovery §3–4; RFC 8414 §3.1; OIDC Registration §2.
 */
@Tag("docs")
class Contract2ClientsDocInteropTest extends FlowSpecTest {
    private static final String DOC_BASE = "https://id.example.com";
    private static final String TENANT = "demo";
    private static final Pattern URL = Pattern.compile("https://id\\.example\\.com[^\\s\"'`)<>,|*]*");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    private String doc;

    @BeforeEach
    void readDocAndCreateTenant() throws Exception {
        doc = Files.readString(docPath(), StandardCharsets.UTF_8);
        putTenant(TENANT, "{\"displayName\":\"Demo\"}");
    }

    static Path docPath() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs").resolve("clients.md");
            if (Files.isRegularFile(candidate)) return candidate;
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/clients.md not found above " + Path.of("").toAbsolutePath());
    }

    private String issuer() {
        return server.issuer(TENANT);
    }

    private List<String> registrationBodies() {
        List<String> bodies = new ArrayList<>();
        Matcher m = JSON_BLOCK.matcher(doc);
        while (m.find()) bodies.add(m.group(1));
        return bodies;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> md, String member) {
        return (List<String>) md.get(member);
    }

    private static Set<String> stringValues(Map<String, Object> json) {
        Set<String> out = new LinkedHashSet<>();
        json.values().forEach(v -> {
            if (v instanceof String s) out.add(s);
        });
        return out;
    }

    @Test
    @DisplayName("docs/clients.md: every Tessera URL on the page is a discovery document or an endpoint the tenant's discovery lists")
    void everyUrl_isListedInDiscovery() {
        Map<String, Object> discovery = discovery(TENANT);
        Set<String> listed = stringValues(discovery);
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = URL.matcher(doc);
        while (m.find()) urls.add(m.group().replaceAll("[.:;]+$", ""));
        assertThat(urls).as("URLs on the page").hasSizeGreaterThanOrEqualTo(10);
        for (String documented : urls) {
            String actual = server.baseUrl + documented.substring(DOC_BASE.length());
            if (documented.equals(DOC_BASE)) continue;                          // TESSERA_PUBLIC_URL itself
            if (documented.contains("/.well-known/")) {
                Map<String, Object> md = http.get(actual.substring(server.baseUrl.length())).send().expectStatus(200).json();
                assertThat(md).as(documented).containsEntry("issuer", issuer());
            } else {
                assertThat(listed).as("%s (as %s) among the discovery values", documented, actual).contains(actual);
            }
        }
    }

    @Test
    @DisplayName("docs/clients.md: every registration body registers (201), and the response echoes its members")
    void everyRegistrationBody_registers() throws Exception {
        List<String> bodies = registrationBodies();
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(2);
        for (String body : bodies) {
            Map<String, Object> sent = com.nimbusds.jose.util.JSONObjectUtils.parse(body);
            RegisteredClient c = register(TENANT, body);
            assertThat(c.metadata()).as(body).containsAllEntriesOf(sent).containsKey("client_secret");
        }
    }

    @Test
    @DisplayName("docs/clients.md: discovery offers what the page says: RS256 ID tokens first, basic and post client auth, S256, iss in responses")
    void discovery_offersWhatThePageSays() {
        Map<String, Object> md = discovery(TENANT);
        assertThat(strings(md, "id_token_signing_alg_values_supported")).first().isEqualTo("RS256");
        assertThat(strings(md, "id_token_signing_alg_values_supported")).contains("ES256");
        assertThat(strings(md, "introspection_signing_alg_values_supported")).first().isEqualTo("RS256");
        assertThat(strings(md, "token_endpoint_auth_methods_supported")).contains("client_secret_basic", "client_secret_post");
        assertThat(strings(md, "code_challenge_methods_supported")).containsExactly("S256");
        assertThat(md).containsEntry("authorization_response_iss_parameter_supported", true);
        assertThat(Files.exists(docPath())).isTrue();
    }

    @Test
    @DisplayName("Nimbus: OIDCProviderMetadata.resolve works, and the page's web-app client gets an ID token IDTokenValidator accepts with RS256, as Spring's oauth2Login does by default")
    void nimbusResolve_andRs256IdToken() throws Exception {
        Issuer issuer = new Issuer(issuer());
        OIDCProviderMetadata op = OIDCProviderMetadata.resolve(issuer);
        assertThat(op.getTokenEndpointURI()).hasToString(issuer() + "/token");

        RegisteredClient web = register(TENANT, registrationBodies().get(0));
        String userName = "alice-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        user(TENANT, userName);
        AuthRequest req = authRequest(TENANT, web).set("redirect_uri", "https://app.example.com/callback")
                .set("scope", "openid profile");
        Tokens tokens = tokens(browser(), req, userName);

        IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(web.clientId()), JWSAlgorithm.RS256,
                op.getJWKSetURI().toURL());
        IDTokenClaimsSet claims = validator.validate(JWTParser.parse(tokens.idToken()), new Nonce(req.get("nonce")));
        assertThat(claims.getAudience()).extracting(Object::toString).containsExactly(web.clientId());

        // what Spring's OidcIdTokenDecoderFactory builds by default: RS256 only, keys from jwks_uri
        DefaultJWTProcessor<SecurityContext> spring = new DefaultJWTProcessor<>();
        spring.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(op.getJWKSetURI().toURL()).build()));
        assertThat(spring.process(tokens.idToken(), null).getIssuer()).isEqualTo(issuer());
    }

    @Test
    @DisplayName("Nimbus: AuthorizationServerMetadata.resolve builds {issuer}/.well-known/oauth-authorization-server (not served); the RFC 8414 URL parses")
    void nimbusAuthorizationServerResolve_isThePreRfcUrl() throws Exception {
        Issuer issuer = new Issuer(issuer());
        URL preRfc = AuthorizationServerMetadata.resolveURL(issuer);
        assertThat(preRfc).hasToString(issuer() + "/.well-known/oauth-authorization-server");
        assertThat(http.get(URI.create(preRfc.toString()).getRawPath()).send().status()).isEqualTo(404);

        String rfc8414 = http.get("/.well-known/oauth-authorization-server/t/" + TENANT).send().expectStatus(200).body();
        assertThat(AuthorizationServerMetadata.parse(rfc8414).getIssuer()).isEqualTo(issuer);
    }

    @Test
    @DisplayName("Spring resource server / Nimbus JOSE: an at+jwt access token is refused by the default type check and accepted once at+jwt is allowed (ES256 and RS256 named)")
    void atJwt_needsItsTypeAllowed() throws Exception {
        RegisteredClient c = serviceClient(TENANT, "jwt");
        String token = clientCredentialsToken(TENANT, c);
        URL jwks = URI.create(issuer() + "/jwks").toURL();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256),
                JWKSourceBuilder.create(jwks).build()));
        assertThatThrownBy(() -> processor.process(token, null)).isInstanceOf(BadJOSEException.class);

        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        JWTClaimsSet claims = processor.process(token, null);
        assertThat(claims.getIssuer()).isEqualTo(issuer());
        assertThat(claims.getAudience()).containsExactly(issuer());                 // the page's `.audience(issuer)`
        assertThat(claims.getStringClaim("client_id")).isEqualTo(c.clientId());
    }

    @Test
    @DisplayName("openid-client quirk: a client_secret_basic client sending its secret in the body (client_secret_post) → 401 invalid_client; Basic works")
    void postForABasicClient_isRefused() {
        RegisteredClient c = serviceClient(TENANT, "opaque");
        Http.Response post = http.post("/t/" + TENANT + "/token").form("grant_type", "client_credentials",
                "client_id", c.clientId(), "client_secret", c.clientSecret()).send();
        post.expectStatus(401).expectError("invalid_client");
        clientCredentialsToken(TENANT, c);
    }

    @Test
    @DisplayName("mod_oauth2 section: Tessera answers a revoked token inactive at once (the delay is the module's cache)")
    void revokedToken_isInactiveAtOnce() {
        RegisteredClient c = serviceClient(TENANT, "opaque");
        String token = clientCredentialsToken(TENANT, c);
        assertThat(introspection(TENANT, c, token)).containsEntry("active", true);
        revoke(TENANT, c, token).expectStatus(200);
        assertThat(introspection(TENANT, c, token)).isEqualTo(Map.of("active", false));
    }

    @Test
    @DisplayName("README links docs/clients.md")
    void readme_linksThePage() throws Exception {
        Path readme = docPath().getParent().getParent().resolve("README.md");
        assertThat(Files.readString(readme, StandardCharsets.UTF_8)).contains("(docs/clients.md)");
    }
}
