package dev.tessera.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tessera.examples.sampleapi.SampleApi;
import dev.tessera.server.Setting;
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The phantom token pattern with the real parts: Tessera (in-process, its public URL the NGINX origin,
 * so issuers are the gateway's), the sample API ({@code examples/sample-api}, in-process) and a real
 * NGINX running the committed {@code examples/nginx/nginx.conf.template}, all on free loopback ports.
 * Every request below goes through NGINX unless it says otherwise; none of it could pass without
 * Tessera's forward-auth (NGINX answers 500 when its auth subrequest finds no such endpoint).
 * Spec: CONTRACT §6.1; RFC 6750 §3; RFC 9068; RFC 7009.
 */
@Tag("e2e")
class GatewayNginxPhantomTokenE2eTest extends SpecTest {
    /** Tenant defaults: revocationStalenessSeconds 30, access tokens live 300 s. */
    static final String ACME = "acme";
    /** Another tenant the API trusts as well. */
    static final String GLOBEX = "globex";
    /** revocationStalenessSeconds 0 (no cache anywhere) and 10 s access tokens (the minimum). */
    static final String STRICT = "strict";
    /** 10 s access tokens, default staleness. */
    static final String SHORT = "short";
    /** A small staleness bound, to watch the gateway cache honour it in real time. */
    static final String BRIEF = "brief";
    static final int BRIEF_STALENESS_SECONDS = 2;
    static final String SCOPES = "orders:read orders:write";

    private final Map<String, RegisteredClient> clients = new HashMap<>();
    private int nginxPort;
    private SampleApi api;
    private NginxGateway nginx;
    private Http gateway;
    private Http apiDirect;

    /** Tessera's public URL is the gateway's origin, so it must know NGINX's port before it starts. */
    @Override
    protected Map<Setting, String> serverSettings() {
        nginxPort = NginxGateway.freePort();
        return Map.of(Setting.PUBLIC_URL, "http://127.0.0.1:" + nginxPort);
    }

    @BeforeAll
    void startGateway() throws Exception {
        Optional<Path> exe = NginxGateway.executable();
        if (exe.isEmpty()) return;                                                  // requireNginx() skips every test
        putTenant(ACME, "{\"displayName\":\"Acme\"}");
        putTenant(GLOBEX, "{\"displayName\":\"Globex\"}");
        putTenant(STRICT, "{\"displayName\":\"Strict\",\"revocationStalenessSeconds\":0,\"accessTokenTtlSeconds\":10}");
        putTenant(SHORT, "{\"displayName\":\"Short\",\"accessTokenTtlSeconds\":10}");
        putTenant(BRIEF, "{\"displayName\":\"Brief\",\"revocationStalenessSeconds\":" + BRIEF_STALENESS_SECONDS + "}");
        for (String t : List.of(ACME, GLOBEX, STRICT, SHORT, BRIEF)) {
            clients.put(t, register(t, "{\"client_name\":\"Orders CLI\",\"grant_types\":[\"client_credentials\"],"
                    + "\"scope\":\"" + SCOPES + "\"}"));
        }
        String origin = "http://127.0.0.1:" + nginxPort;
        api = SampleApi.start(0, origin, ACME, GLOBEX, STRICT, SHORT, BRIEF);   // fetches each {issuer}/jwks through NGINX
        nginx = NginxGateway.start("phantom-token", exe.get(),
                new NginxGateway.Site(nginxPort, server.tessera.port(), api.port(), ACME, "spa", "acme-spa"));
        gateway = new Http(nginx.origin());
        apiDirect = new Http("http://127.0.0.1:" + api.port());
    }

    @AfterAll
    void stopGateway() {
        if (nginx != null) nginx.close();
        if (api != null) api.close();
    }

    /** Skips (never fails) where nginx is not installed; .ci/run installs it. */
    @BeforeEach
    void requireNginx() {
        if (NginxGateway.executable().isEmpty()) System.out.println("[tessera] e2e: nginx is missing; the NGINX tests are skipped");
        assumeTrue(NginxGateway.executable().isPresent(), "Skipped: nginx is missing (apt-get install nginx; .ci/run does)");
    }

    /**
     * Tessera's clock is moved by hand, while NGINX and the API live in real time (the API checks
     * {@code exp} and {@code iat} against its own clock, with 30 s leeway): each test starts with
     * Tessera's clock caught up with real time. It is never moved back; the one test that moves it
     * ahead does so by 11 s, within that leeway.
     */
    @BeforeEach
    void catchUpClock() {
        Duration behind = Duration.between(server.clock.instant(), Instant.now());
        if (!behind.isNegative()) server.clock.advance(behind);
    }

    @Test
    @DisplayName("CONTRACT §6.1: an opaque token in → the API receives the JWT form of the same token and verifies it")
    void opaqueTokenIn_theApiVerifiesItsJwtForm() {
        String opaque = token(ACME, SCOPES);
        assertThat(opaque).as("an opaque access token (no claims to read)").doesNotContain(".");
        Map<String, Object> introspected = http.post("/t/" + ACME + "/introspect")
                .basicAuth(clients.get(ACME).clientId(), clients.get(ACME).clientSecret()).form("token", opaque).send()
                .expectStatus(200).json();
        assertThat(introspected).containsEntry("active", true);

        Http.Response r = expect(viaGateway("GET", ACME, opaque), 200);
        Map<String, Object> verified = claimsEchoed(r);
        assertThat(verified).as("the claims the API verified in the JWT it received")
                .containsEntry("iss", issuer(ACME))
                .containsEntry("sub", introspected.get("sub"))
                .containsEntry("client_id", introspected.get("client_id"))
                .containsEntry("tenant_id", ACME)
                .containsEntry("jti", introspected.get("jti"));
        assertThat(Set.of(verified.get("scope").toString().split(" ")))
                .isEqualTo(Set.of(introspected.get("scope").toString().split(" ")));
        assertThat(((Number) verified.get("exp")).longValue()).as("the JWT never outlives the opaque token")
                .isLessThanOrEqualTo(((Number) introspected.get("exp")).longValue());
        assertThat(r.header("X-Forward-Auth-Cache")).as("the first request asks forward-auth").isEqualTo("MISS");

        // forward-auth's Cache-Control: max-age lets the gateway answer the next request itself
        Http.Response again = expect(viaGateway("GET", ACME, opaque), 200);
        assertThat(again.header("X-Forward-Auth-Cache")).as("served from the gateway's cache" + nginx.diagnostics())
                .isEqualTo("HIT");
        assertThat(claimsEchoed(again)).containsEntry("jti", introspected.get("jti"));

        // a data-changing route with its own required scope
        Http.Response created = expect(viaGateway("POST", ACME, opaque), 201);
        @SuppressWarnings("unchecked")
        Map<String, Object> order = (Map<String, Object>) created.json().get("order");
        assertThat(order).containsEntry("createdBy", introspected.get("sub"));
    }

    @Test
    @DisplayName("CONTRACT §6.1, RFC 6750 §3.1: no token → 401 from NGINX with WWW-Authenticate: Bearer realm=… and no error")
    void noToken_401WithABareChallenge() {
        Http.Response r = expect(viaGateway("GET", ACME, null), 401);
        assertThat(challenge(r)).isEqualTo("Bearer realm=\"" + issuer(ACME) + "\"");
    }

    @Test
    @DisplayName("CONTRACT §6.1, RFC 6750 §3.1: an invalid token → 401 from NGINX with error=\"invalid_token\"")
    void invalidToken_401InvalidToken() {
        Http.Response r = expect(viaGateway("GET", ACME, "not-a-token-Tessera-issued"), 401);
        assertThat(challenge(r)).isEqualTo(invalidToken(ACME));
    }

    @Test
    @DisplayName("CONTRACT §6.1: an expired token → 401 invalid_token from NGINX (never cached, or not cached yet)")
    void expiredToken_401() {
        // tenant strict (staleness 0): forward-auth answers max-age=0, so the gateway asks every time
        String presented = token(STRICT, "orders:read");
        expect(viaGateway("GET", STRICT, presented), 200);
        assertThat(expect(viaGateway("GET", STRICT, presented), 200).header("X-Forward-Auth-Cache"))
                .as("nothing is cached with a staleness bound of 0").isNotEqualTo("HIT");
        // tenant short (staleness 30): a token the gateway has not seen, so none of its answers is cached
        String neverPresented = token(SHORT, "orders:read");

        server.clock.advance(Duration.ofSeconds(11));                           // past both tokens' 10 s lifetime

        assertThat(challenge(expect(viaGateway("GET", STRICT, presented), 401))).isEqualTo(invalidToken(STRICT));
        assertThat(challenge(expect(viaGateway("GET", SHORT, neverPresented), 401))).isEqualTo(invalidToken(SHORT));
    }

    @Test
    @DisplayName("CONTRACT §6.1, RFC 6750 §3.1: a missing scope → 403 from NGINX with error=\"insufficient_scope\", scope=…")
    void missingScope_403InsufficientScope() {
        String readOnly = token(ACME, "orders:read");
        expect(viaGateway("GET", ACME, readOnly), 200);
        Http.Response r = expect(viaGateway("POST", ACME, readOnly), 403);
        assertThat(challenge(r)).isEqualTo("Bearer realm=\"" + issuer(ACME) + "\", error=\"insufficient_scope\", scope=\"orders:write\"");
    }

    @Test
    @DisplayName("CONTRACT §6.1: a revoked token with revocationStalenessSeconds 0 → 401 from NGINX at once")
    void revokedToken_stalenessZero_401AtOnce() {
        String t = token(STRICT, "orders:read");
        expect(viaGateway("GET", STRICT, t), 200);
        revoke(STRICT, t);
        assertThat(challenge(expect(viaGateway("GET", STRICT, t), 401))).isEqualTo(invalidToken(STRICT));
    }

    @Test
    @DisplayName("CONTRACT §6.1: a revoked token → 401 from NGINX within the staleness bound (2 s), the gateway cache before that")
    void revokedToken_401WithinTheStalenessBound() throws InterruptedException {
        String t = token(BRIEF, "orders:read");
        Http.Response first = expect(viaGateway("GET", BRIEF, t), 200);
        assertThat(first.header("X-Forward-Auth-Cache")).isEqualTo("MISS");         // cached now, for max-age ≤ 2 s

        long revokedAt = System.nanoTime();
        revoke(BRIEF, t);

        // Real gateway time: NGINX keeps forward-auth's 200 for its max-age, counted in whole seconds on
        // NGINX's own clock, so until at most bound + 1 s after it was stored, which was before the
        // revocation. Tessera's hand-moved clock does not drive NGINX, so this is the one place that waits
        // in real time: polling ends at the first 401, about 3 s here. A request sent after that deadline
        // must not pass; one sent before it may still be a cache hit.
        long deadline = revokedAt + Duration.ofSeconds(BRIEF_STALENESS_SECONDS + 1).toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            long sentAt = System.nanoTime();
            Http.Response r = viaGateway("GET", BRIEF, t);
            seen.add(String.format("+%d ms: %d %s", (sentAt - revokedAt) / 1_000_000, r.status(), r.header("X-Forward-Auth-Cache")));
            if (r.status() == 401) {
                assertThat(challenge(r)).isEqualTo(invalidToken(BRIEF));
                System.out.println("[tessera] e2e: after revoking a token of a tenant with staleness " + BRIEF_STALENESS_SECONDS
                        + " s, NGINX answered " + seen);
                return;
            }
            // forward-auth refuses the token at once on this node: any 200 now is the gateway's cache
            assertThat(r.status() == 200 && "HIT".equals(r.header("X-Forward-Auth-Cache")))
                    .as(() -> "after the revocation only the gateway's cache may still let the token through; seen: " + seen
                            + describe(r)).isTrue();
            if (sentAt > deadline) {
                fail("the revoked token still passed the gateway when asked more than " + (BRIEF_STALENESS_SECONDS + 1)
                        + " s after its revocation; seen: " + seen + nginx.diagnostics());
            }
            Thread.sleep(100);                                                    // poll interval, bounded by the deadline
        }
    }

    @Test
    @DisplayName("CONTRACT §2, §6.1: another tenant's token → 401 at the gateway; its JWT sent to the API directly → 403")
    void anotherTenantsToken_401AtTheGateway_403AtTheApi() {
        String globexToken = token(GLOBEX, "orders:read");
        expect(viaGateway("GET", GLOBEX, globexToken), 200);                    // a good token of its own tenant

        assertThat(challenge(expect(viaGateway("GET", ACME, globexToken), 401))).isEqualTo(invalidToken(ACME));

        // the JWT form the gateway gets for it (forward-auth asked directly, as only the gateway may) …
        String authorization = http.get("/t/" + GLOBEX + "/forward-auth?scope=orders%3Aread").bearer(globexToken).send()
                .expectStatus(200).header("Authorization");
        assertThat(authorization).startsWith("Bearer ey");
        // … is good for the API on its own tenant's path, and refused at once on another's (bypassing NGINX)
        expect(apiDirect.get("/api/t/" + GLOBEX + "/orders").header("Authorization", authorization).send(), 200);
        Http.Response r = expect(apiDirect.get("/api/t/" + ACME + "/orders").header("Authorization", authorization).send(), 403);
        assertThat(challenge(r)).startsWith("Bearer realm=\"sample-api\"").contains("error=\"insufficient_scope\"");
        assertThat(r.body()).contains("another tenant");
    }

    @Test
    @DisplayName("CONTRACT §6.1: forward-auth is the gateway's own: Tessera serves it, NGINX refuses it to clients (404)")
    void forwardAuth_isNotReachableThroughTheGateway() {
        String t = token(ACME, "orders:read");
        assertThat(http.get("/t/" + ACME + "/forward-auth").bearer(t).send().expectStatus(200).header("Authorization"))
                .startsWith("Bearer ");
        for (String path : List.of("/t/acme/forward-auth", "/t/acme/%66orward-auth", "/t/acme//forward-auth/x", "/t/ACME/Forward-Auth")) {
            Http.Response r = expect(gateway.get(path).bearer(t).send(), 404);
            assertThat(r.header("Authorization")).as("no JWT handed to a client at %s", path).isNull();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private String issuer(String tenant) {
        return nginx.origin() + "/t/" + tenant;
    }

    private String invalidToken(String tenant) {
        return "Bearer realm=\"" + issuer(tenant) + "\", error=\"invalid_token\"";
    }

    private String token(String tenant, String scope) {
        return clientCredentialsToken(tenant, clients.get(tenant), "scope", scope);
    }

    /** Revokes through the gateway, as a client would (RFC 7009 §2.2: 200). */
    private void revoke(String tenant, String token) {
        RegisteredClient c = clients.get(tenant);
        expect(gateway.post("/t/" + tenant + "/revoke").basicAuth(c.clientId(), c.clientSecret()).form("token", token).send(), 200);
    }

    /** {@code GET} or {@code POST /api/t/{tenant}/orders} through NGINX, with the token (if any) as a bearer token. */
    private Http.Response viaGateway(String method, String tenant, String token) {
        Http.Request req = gateway.method(method, "/api/t/" + tenant + "/orders");
        if (token != null) req.bearer(token);
        if (method.equals("POST")) req.json("{\"item\":\"tea\"}");
        return req.send();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claimsEchoed(Http.Response r) {
        Object token = r.json().get("token");
        assertThat(token).as("the API's answer shows the claims it verified: %s", r.body()).isInstanceOf(Map.class);
        return (Map<String, Object>) token;
    }

    /** The one WWW-Authenticate header of a refusal. */
    private String challenge(Http.Response r) {
        List<String> all = r.raw.headers().allValues("WWW-Authenticate");
        assertThat(all).as(() -> "exactly one WWW-Authenticate header" + describe(r)).hasSize(1);
        return all.get(0);
    }

    /** Asserts the status; on failure says what was asked, what came back and what NGINX logged. */
    private Http.Response expect(Http.Response r, int status) {
        assertThat(r.status()).as(() -> describe(r)).isEqualTo(status);
        return r;
    }

    private String describe(Http.Response r) {
        return r.raw.request().method() + " " + r.raw.request().uri() + " → " + r.status() + "\n" + r.raw.headers().map()
                + "\n" + r.body() + nginx.diagnostics();
    }
}
