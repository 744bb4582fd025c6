package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Browser;
import dev.tessera.testing.Http;
import dev.tessera.testing.Users;
import dev.tessera.user.UserId;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shared steps of the browser-flow spec tests (authorization endpoint, sign-in, consent, code and
 * refresh grants, OpenID Connect): clients registered as an app would, users written to storage,
 * and a cookie-keeping browser driving GET /authorize → sign-in → (consent) → redirect → POST /token.
 */
public abstract class FlowSpecTest extends TokenSpecTest {
    protected static final String REDIRECT = "https://app.example/cb";
    protected static final String SCOPES = "openid profile email phone address offline_access";
    protected static final String PASSWORD = "correct-horse-battery";

    /** A PKCE pair (RFC 7636 §4.1–4.2, S256). */
    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            CodeVerifier v = new CodeVerifier();
            return new Pkce(v.getValue(), CodeChallenge.compute(CodeChallengeMethod.S256, v).getValue());
        }
    }

    /** An authorization request under construction; defaults: code, S256 PKCE, scope openid, random state and nonce. */
    public final class AuthRequest {
        public final String tenant;
        public final RegisteredClient client;
        public final Pkce pkce = Pkce.create();
        private final Map<String, String> params = new LinkedHashMap<>();

        AuthRequest(String tenant, RegisteredClient client) {
            this.tenant = tenant;
            this.client = client;
            params.put("response_type", "code");
            params.put("client_id", client.clientId());
            params.put("redirect_uri", REDIRECT);
            params.put("scope", "openid");
            params.put("state", "st-" + UUID.randomUUID());
            params.put("nonce", "n-" + UUID.randomUUID());
            params.put("code_challenge", pkce.challenge());
            params.put("code_challenge_method", "S256");
        }

        public AuthRequest set(String name, String value) {
            params.put(name, value);
            return this;
        }

        public AuthRequest remove(String name) {
            params.remove(name);
            return this;
        }

        public String get(String name) {
            return params.get(name);
        }

        public String path() {
            List<String> parts = new ArrayList<>();
            params.forEach((k, v) -> parts.add(enc(k) + "=" + enc(v)));
            return "/t/" + tenant + "/authorize?" + String.join("&", parts);
        }
    }

    /** The token response of a completed flow. */
    public record Tokens(Map<String, Object> json) {
        public String accessToken() { return (String) json.get("access_token"); }

        public String refreshToken() { return (String) json.get("refresh_token"); }

        public String idToken() { return (String) json.get("id_token"); }
    }

    protected static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    protected Browser browser() {
        return new Browser(server.baseUrl);
    }

    protected AuthRequest authRequest(String tenant, RegisteredClient client) {
        return new AuthRequest(tenant, client);
    }

    /** A public (token_endpoint_auth_method none) code + refresh client; extra JSON members may follow. */
    protected RegisteredClient publicClient(String tenant, String... extraMembers) {
        return register(tenant, clientJson("none", extraMembers));
    }

    /** A confidential (client_secret_basic) code + refresh client. */
    protected RegisteredClient confidentialClient(String tenant, String... extraMembers) {
        return register(tenant, clientJson("client_secret_basic", extraMembers));
    }

    private static String clientJson(String authMethod, String... extraMembers) {
        StringBuilder b = new StringBuilder("{\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"redirect_uris\":[\"")
                .append(REDIRECT).append("\"],\"token_endpoint_auth_method\":\"").append(authMethod)
                .append("\",\"scope\":\"").append(SCOPES).append("\",\"client_name\":\"Test App\"");
        for (String m : extraMembers) b.append(',').append(m);
        return b.append('}').toString();
    }

    protected UserId user(String tenant, String userName) {
        return Users.create(server, tenant, userName, PASSWORD);
    }

    protected UserId user(String tenant, String userName, Map<String, Object> attributes) {
        return Users.create(server, tenant, userName, PASSWORD, attributes);
    }

    /** Fills the sign-in form of {@code page} and submits it. */
    protected Browser.Page signIn(Browser.Page page, String userName, String password) {
        Browser.Form f = page.expectStatus(200).form();
        assertThat(f.fields).as("a sign-in form").containsKeys("username", "password");
        return f.set("username", userName).set("password", password).submit("Sign in");
    }

    /** Asserts a successful redirect to the request's redirect URI with state and iss, and returns the code. */
    protected String codeOf(Browser.Page page, AuthRequest req) {
        page.expectStatus(302);
        assertThat(page.location()).startsWith(req.get("redirect_uri") + "?");
        Map<String, String> p = page.redirectParams();
        assertThat(p).as("authorization response %s", p).containsKey("code").doesNotContainKey("error")
                .containsEntry("iss", server.issuer(req.tenant));
        if (req.get("state") != null) assertThat(p).containsEntry("state", req.get("state"));
        return p.get("code");
    }

    /** Asserts an error redirect with iss, state and error_description, and returns its parameters. */
    protected Map<String, String> errorOf(Browser.Page page, AuthRequest req, String error) {
        Map<String, String> p = page.redirectParams();
        assertThat(URI.create(page.location()).getScheme() + "://" + URI.create(page.location()).getRawAuthority()
                + URI.create(page.location()).getRawPath()).isEqualTo(req.get("redirect_uri"));
        assertThat(p).as("error response %s", p).containsEntry("error", error).doesNotContainKey("code")
                .containsEntry("iss", server.issuer(req.tenant)).containsKey("error_description");
        if (req.get("state") != null) assertThat(p).containsEntry("state", req.get("state"));
        return p;
    }

    /** Runs GET /authorize and signs in (no consent expected); returns the code. */
    protected String authorize(Browser b, AuthRequest req, String userName) {
        Browser.Page page = b.get(req.path());
        if (page.status() == 200) page = signIn(page, userName, PASSWORD);
        return codeOf(page, req);
    }

    /** The token request of the code grant (RFC 6749 §4.1.3); public clients send client_id in the form. */
    protected Http.Response redeem(AuthRequest req, String code, String... extraForm) {
        List<String> form = new ArrayList<>(List.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", req.get("redirect_uri"), "code_verifier", req.pkce.verifier()));
        form.addAll(List.of(extraForm));
        return tokenRequest(req.tenant, req.client, form.toArray(String[]::new));
    }

    /** A token request authenticated as the client (Basic for confidential, client_id for public). */
    protected Http.Response tokenRequest(String tenant, RegisteredClient c, String... form) {
        Http.Request r = http.post("/t/" + tenant + "/token");
        List<String> f = new ArrayList<>(List.of(form));
        if (c.clientSecret() != null) r.basicAuth(c.clientId(), c.clientSecret());
        else {
            f.add("client_id");
            f.add(c.clientId());
        }
        return r.form(f.toArray(String[]::new)).send();
    }

    protected Http.Response refresh(String tenant, RegisteredClient c, String refreshToken, String... extraForm) {
        List<String> form = new ArrayList<>(List.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        form.addAll(List.of(extraForm));
        return tokenRequest(tenant, c, form.toArray(String[]::new));
    }

    /** The whole flow: authorize, sign in, redeem; returns the 200 token response. */
    protected Tokens tokens(Browser b, AuthRequest req, String userName) {
        String code = authorize(b, req, userName);
        return new Tokens(redeem(req, code).expectStatus(200).json());
    }

    /** Whether introspection (by a service client of the tenant) reports the token active. */
    protected boolean active(String tenant, String token) {
        RegisteredClient rs = serviceClient(tenant, "opaque");
        return Boolean.TRUE.equals(introspection(tenant, rs, token).get("active"));
    }

    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> events(String tenant) {
        Http.Response r = http.get("/admin/v1/tenants/" + tenant + "/audit-events?limit=1000").bearer(adminToken())
                .send().expectStatus(200);
        return (List<Map<String, Object>>) r.json().get("events");
    }

    protected List<Map<String, Object>> events(String tenant, String type) {
        return events(tenant).stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> details(Map<String, Object> event) {
        return (Map<String, Object>) event.get("details");
    }
}
