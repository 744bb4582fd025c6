package dev.tessera.examples.sampleapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The sample API over HTTP, with tokens of two tenants of a stand-in Tessera (a JWKS server). */
class SampleApiTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, ECKey> keys = Map.of("demo", key("demo-1"), "other", key("other-1"));
    private HttpServer tessera;
    private SampleApi api;

    @BeforeEach
    void start() throws Exception {
        tessera = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tessera.createContext("/t/", ex -> {
            String tenant = ex.getRequestURI().getPath().split("/")[2];
            byte[] body = new JWKSet(keys.get(tenant).toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        tessera.start();
        api = SampleApi.start(0, tesseraUrl(), "demo", "other");
    }

    @AfterEach
    void stop() {
        api.close();
        tessera.stop(0);
    }

    private String tesseraUrl() {
        return "http://127.0.0.1:" + tessera.getAddress().getPort();
    }

    @Test
    @DisplayName("RFC 9068 §4: GET orders with orders:read answers with the claims the API verified")
    void readOrders_answersWithClaims() throws Exception {
        HttpResponse<String> r = get("/api/t/demo/orders", token("demo", "orders:read"));
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> token = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(r.body()), "token");
        assertThat(token).containsEntry("sub", "alice").containsEntry("client_id", "orders-cli")
                .containsEntry("tenant_id", "demo").containsEntry("scope", "orders:read")
                .containsEntry("iss", tesseraUrl() + "/t/demo");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: POST orders needs orders:write (403 insufficient_scope), then creates an order (201)")
    void createOrder_needsWriteScope() throws Exception {
        HttpResponse<String> denied = post("/api/t/demo/orders", token("demo", "orders:read"), "{\"item\":\"tea\"}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"sample-api\", error=\"insufficient_scope\", scope=\"orders:write\", "
                        + "error_description=\"The access token lacks a required scope\"");
        HttpResponse<String> created = post("/api/t/demo/orders", token("demo", "orders:write"), "{\"item\":\"tea\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"item\":\"tea\"");
        assertThat(get("/api/t/demo/orders", token("demo", "orders:read")).body()).contains("\"item\":\"tea\"");
        assertThat(get("/api/t/other/orders", token("other", "orders:read")).body()).doesNotContain("tea");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: no token → 401 with a challenge; a garbage token → 401 invalid_token")
    void missingOrInvalidToken_401() throws Exception {
        HttpResponse<String> none = get("/api/t/demo/orders", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sample-api\"");
        HttpResponse<String> bad = get("/api/t/demo/orders", "opaque-token-abc");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    @DisplayName("Seed 002: a valid token of another tenant gets 403 at once")
    void otherTenant_403() throws Exception {
        HttpResponse<String> r = get("/api/t/demo/orders", token("other", "orders:read"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("another tenant");
    }

    @Test
    @DisplayName("The health check needs no token; unknown paths are 404")
    void healthAndUnknown() throws Exception {
        assertThat(get("/api/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/nothing", null).statusCode()).isEqualTo(404);
    }

    private String token(String tenant, String scope) throws Exception {
        String issuer = tesseraUrl() + "/t/" + tenant;
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("alice").audience(issuer)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString())
                .claim("client_id", "orders-cli").claim("tenant_id", tenant).claim("scope", scope).build();
        ECKey key = keys.get(tenant);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String json) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static ECKey key(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
