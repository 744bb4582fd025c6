package dev.tessera.spec.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OIDC Registration §2 ({@code id_token_signed_response_alg}, {@code userinfo_signed_response_alg}),
 * RFC 9701 §6 ({@code introspection_signed_response_alg}) and CONTRACT §2: each is validated at
 * registration against what discovery offers (RS256 and the tenant's {@code signingAlgorithm}),
 * echoed (RFC 7591 §3.2.1), and honoured; ID tokens default to RS256. Issue 9 items 10 and 13: they
 * were echoed (even HS256) and ignored, and ID tokens were ES256, which Spring's oauth2Login refuses.
 */
@Tag("oidc")
class OidcRegistration2SignedResponseAlgTest extends FlowSpecTest {
    private static final List<String> MEMBERS = List.of("id_token_signed_response_alg", "userinfo_signed_response_alg",
            "introspection_signed_response_alg");

    private long storedClients(String t) {
        return server.tessera.database().jdbc().queryOne("SELECT COUNT(*) FROM clients WHERE tenant_id = ?",
                rs -> rs.getLong(1), t).orElseThrow();
    }

    private Http.Response tryRegister(String t, String extra) {
        return http.post("/t/" + t + "/register").bearer(adminToken()).json("{\"grant_types\":[\"authorization_code\"],"
                + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"scope\":\"openid\"," + extra + "}").send();
    }

    @Test
    @DisplayName("OIDC Registration §2 / CONTRACT §2: without the member, the ID token is RS256, verifies with the JWKS, and the default is echoed")
    void idToken_defaultsToRs256() throws Exception {
        String t = freshTenant("alg");
        RegisteredClient c = publicClient(t);
        assertThat(c.metadata()).containsEntry("id_token_signed_response_alg", "RS256");
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c), "alice");
        SignedJWT id = verifiedJwt(t, tokens.idToken());
        assertThat(id.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        // access tokens keep the tenant's signingAlgorithm (CONTRACT §2)
        RegisteredClient jwtClient = publicClient(t, "\"access_token_format\":\"jwt\"");
        Tokens jwtTokens = tokens(browser(), authRequest(t, jwtClient), "alice");
        assertThat(SignedJWT.parse(jwtTokens.accessToken()).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    }

    @Test
    @DisplayName("OIDC Registration §2: id_token_signed_response_alg ES256 (the tenant's algorithm) signs the ID token ES256, at_hash to match")
    void idToken_followsTheClientsChoice() {
        String t = freshTenant("alg");
        RegisteredClient c = publicClient(t, "\"id_token_signed_response_alg\":\"ES256\"");
        assertThat(c.metadata()).containsEntry("id_token_signed_response_alg", "ES256");
        user(t, "alice");
        SignedJWT id = verifiedJwt(t, tokens(browser(), authRequest(t, c), "alice").idToken());
        assertThat(id.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "id_token_signed_response_alg|\"HS256\"", "id_token_signed_response_alg|\"none\"",
            "id_token_signed_response_alg|\"EdDSA\"", "id_token_signed_response_alg|\"PS256\"",
            "id_token_signed_response_alg|\"rs256\"", "id_token_signed_response_alg|256",
            "id_token_signed_response_alg|null", "id_token_signed_response_alg|[\"RS256\"]",
            "userinfo_signed_response_alg|\"HS256\"", "userinfo_signed_response_alg|\"none\"",
            "userinfo_signed_response_alg|\"RS512\"", "userinfo_signed_response_alg|true",
            "introspection_signed_response_alg|\"HS256\"", "introspection_signed_response_alg|\"none\"",
            "introspection_signed_response_alg|\"ES384\"", "introspection_signed_response_alg|{}"})
    @DisplayName("RFC 7591 §3.2.2: an algorithm the tenant does not offer (or no string) → 400 invalid_client_metadata, nothing stored")
    void unsupported_isRefused(String member, String value) {
        String t = freshTenant("alg");
        long before = storedClients(t);
        Http.Response r = tryRegister(t, "\"" + member + "\":" + value).expectStatus(400).expectError("invalid_client_metadata");
        assertThat(r.string("error_description")).contains(member);
        assertThat(storedClients(t)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"id_token_signed_response_alg", "userinfo_signed_response_alg", "introspection_signed_response_alg"})
    @DisplayName("CONTRACT §2: every algorithm discovery lists for a member is accepted and echoed, in an EdDSA tenant too")
    void everyListedAlgorithm_isAccepted(String member) {
        for (String settings : List.of("", "\"signingAlgorithm\":\"EdDSA\"")) {
            String t = settings.isEmpty() ? freshTenant("alg") : freshTenant("alg", settings);
            String listed = member.replace("_signed_response_alg", "_signing_alg_values_supported");
            @SuppressWarnings("unchecked")
            List<String> algs = (List<String>) discovery(t).get(listed);
            assertThat(algs).startsWith("RS256").hasSize(2).doesNotContain("none", "HS256");
            for (String alg : algs) {
                Map<String, Object> md = tryRegister(t, "\"" + member + "\":\"" + alg + "\"").expectStatus(201).json();
                assertThat(md).containsEntry(member, alg);
            }
        }
    }

    @Test
    @DisplayName("RFC 7592 §2.2: an update to an unsupported algorithm → 400 invalid_client_metadata, the stored value stays")
    void update_isValidatedToo() {
        String t = freshTenant("alg");
        RegisteredClient c = publicClient(t, "\"id_token_signed_response_alg\":\"ES256\"");
        Map<String, Object> body = new java.util.LinkedHashMap<>(c.metadata());
        body.remove("registration_access_token");
        body.remove("registration_client_uri");
        body.remove("client_id_issued_at");
        body.remove("client_secret_expires_at");
        body.put("id_token_signed_response_alg", "HS256");
        http.put("/t/" + t + "/register/" + c.clientId()).bearer(adminToken()).json(net.minidev.json.JSONObject.toJSONString(body))
                .send().expectStatus(400).expectError("invalid_client_metadata");
        assertThat(http.get("/t/" + t + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send()
                .expectStatus(200).json()).containsEntry("id_token_signed_response_alg", "ES256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    @DisplayName("OIDC Core §5.3.2: with userinfo_signed_response_alg, userinfo answers application/jwt signed with it, with iss, aud and the claims")
    void userInfo_asSignedJwt(String alg) throws Exception {
        String t = freshTenant("alg");
        RegisteredClient c = confidentialClient(t, "\"userinfo_signed_response_alg\":\"" + alg + "\"");
        String alice = user(t, "alice").value();
        Tokens tokens = tokens(browser(), authRequest(t, c).set("scope", "openid profile"), "alice");
        Http.Response r = http.get("/t/" + t + "/userinfo").bearer(tokens.accessToken()).send().expectStatus(200);
        assertThat(r.header("Content-Type")).startsWith("application/jwt");
        SignedJWT jwt = verifiedJwt(t, r.body());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(alg);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(alice);
        assertThat(claims.getIssuer()).isEqualTo(issuerOf(t));
        assertThat(claims.getAudience()).containsExactly(c.clientId());
        assertThat(claims.getClaims()).containsKey("preferred_username");
    }

    @Test
    @DisplayName("OIDC Registration §2: without userinfo_signed_response_alg, userinfo stays plain JSON")
    void userInfo_plainByDefault() {
        String t = freshTenant("alg");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        Tokens tokens = tokens(browser(), authRequest(t, c), "alice");
        Http.Response r = http.get("/t/" + t + "/userinfo").bearer(tokens.accessToken()).send().expectStatus(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).containsKey("sub");
    }

    @ParameterizedTest(name = "registered {0} → {1}")
    @CsvSource({"'', RS256", "RS256, RS256", "ES256, ES256"})
    @DisplayName("RFC 9701 §6: the introspection JWT is signed with the caller's introspection_signed_response_alg, RS256 by default")
    void introspectionJwt_followsTheCaller(String registered, String expected) throws Exception {
        String t = freshTenant("alg");
        String extra = registered.isEmpty() ? "" : ",\"introspection_signed_response_alg\":\"" + registered + "\"";
        RegisteredClient caller = register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"" + extra + "}");
        String token = clientCredentialsToken(t, caller);
        String body = http.post("/t/" + t + "/introspect").basicAuth(caller.clientId(), caller.clientSecret())
                .header("Accept", "application/token-introspection+jwt").form("token", token).send().expectStatus(200).body();
        assertThat(verifiedJwt(t, body).getHeader().getAlgorithm().getName()).isEqualTo(expected);
    }
}
