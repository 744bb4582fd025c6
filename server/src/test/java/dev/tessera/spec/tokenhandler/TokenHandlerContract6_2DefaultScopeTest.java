package dev.tessera.spec.tokenhandler;

import static dev.tessera.testing.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §6.2: a token-handler app registered without {@code scope} asks for the client's whole
 * registered scope, so the SPA's tokens can call its APIs through forward-auth (issue 9 item 12: it
 * used to ask for {@code openid} alone, and a route needing {@code orders:read} answered 403).
 */
@Tag("contract6")
class TokenHandlerContract6_2DefaultScopeTest extends TokenHandlerSpecTest {
    private static final String CLIENT_SCOPE = "openid profile orders:read";

    private RegisteredClient apiClient(String t, String scope) {
        return register(t, "{\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"redirect_uris\":[\"" + REDIRECT
                + "\"],\"token_endpoint_auth_method\":\"client_secret_basic\",\"scope\":\"" + scope + "\"}");
    }

    private static String appWithoutScope(String clientId) {
        return "{\"clientId\":\"" + clientId + "\",\"webOrigins\":[\"" + ORIGIN + "\"],\"cookiePrefix\":\"" + PREFIX
                + "\",\"redirectUri\":\"" + REDIRECT + "\"}";
    }

    private Http.Response forwardAuth(Setup s, Spa spa, String requiredScope) {
        List<String> pairs = new ArrayList<>();
        spa.jar.forEach((k, v) -> pairs.add(k + "=" + v));
        return http.get("/t/" + s.tenant() + "/forward-auth?scope=" + enc(requiredScope))
                .header("Cookie", String.join("; ", pairs)).header("X-Forwarded-Method", "GET").send();
    }

    @Test
    @DisplayName("CONTRACT §6.2: an app without scope gets the client's whole registered scope, and forward-auth accepts its token for a route needing orders:read")
    void absentScope_isTheClientsWholeScope() throws Exception {
        String t = freshTenant("th-scope");
        RegisteredClient c = apiClient(t, CLIENT_SCOPE);
        user(t, "alice");
        Map<String, Object> app = putApp(t, APP, appWithoutScope(c.clientId())).expectStatus(201).json();
        assertThat(app).containsEntry("scope", CLIENT_SCOPE);
        assertThat(http.get("/admin/v1/tenants/" + t + "/token-handlers/" + APP).bearer(adminToken()).send()
                .expectStatus(200).json()).containsEntry("scope", CLIENT_SCOPE);

        Setup s = new Setup(t, c, APP, PREFIX);
        Spa spa = loggedIn(s);
        Http.Response r = forwardAuth(s, spa, "orders:read").expectStatus(200);
        String jwt = r.header("Authorization").substring("Bearer ".length());
        assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("scope").split(" "))
                .containsExactlyInAnyOrder("openid", "profile", "orders:read");
    }

    @Test
    @DisplayName("CONTRACT §6.2: an app given scope openid alone gets exactly that: the same route answers 403 insufficient_scope")
    void givenScope_isKept() {
        String t = freshTenant("th-scope");
        RegisteredClient c = apiClient(t, CLIENT_SCOPE);
        user(t, "alice");
        String json = appWithoutScope(c.clientId());
        putApp(t, APP, json.substring(0, json.length() - 1) + ",\"scope\":\"openid\"}").expectStatus(201);
        Spa spa = loggedIn(new Setup(t, c, APP, PREFIX));
        Http.Response r = forwardAuth(new Setup(t, c, APP, PREFIX), spa, "orders:read").expectStatus(403);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
    }

    @Test
    @DisplayName("CONTRACT §6.2: without scope, a client whose registered scope lacks openid (the agent signs in with OIDC) → 400, nothing stored")
    void absentScope_clientWithoutOpenid_isRefused() {
        String t = freshTenant("th-scope");
        RegisteredClient c = apiClient(t, "orders:read");
        expectProblem(putApp(t, APP, appWithoutScope(c.clientId())), 400);
        http.get("/admin/v1/tenants/" + t + "/token-handlers/" + APP).bearer(adminToken()).send().expectStatus(404);
    }
}
