package dev.tessera.spec.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7523 §2.2 and §3: client authentication with a signed JWT assertion (private_key_jwt), keys
 * registered as {@code jwks} or served at a {@code jwks_uri}.
 */
@Tag("rfc7523")
class Rfc7523Section3PrivateKeyJwtTest extends TokenSpecTest {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private String t;
    private ECKey key;
    private RegisteredClient client;
    private HttpServer jwksServer;
    private final AtomicInteger jwksHits = new AtomicInteger();

    /**
     * The jwks_uri tests serve keys from a loopback server, which the outbound policy refuses by
     * default (RFC 7591 §2 SSRF rules, Rfc7591Section2JwksUriPrivateAddressTest): allowed here.
     */
    @Override
    protected java.util.Map<dev.tessera.server.Setting, String> serverSettings() {
        return java.util.Map.of(dev.tessera.server.Setting.OUTBOUND_ALLOW_PRIVATE, "true");
    }

    @BeforeAll
    void setUp() throws JOSEException {
        t = freshTenant("pkj");
        key = new ECKeyGenerator(Curve.P_256).keyID("client-key-1").generate();
        client = registerWithJwks(key);
    }

    @AfterAll
    void stopJwksServer() {
        if (jwksServer != null) jwksServer.stop(0);
    }

    private RegisteredClient registerWithJwks(ECKey k) {
        return register(t, "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"private_key_jwt\","
                + "\"scope\":\"read\",\"jwks\":" + new JWKSet(k.toPublicJWK()).toString() + "}");
    }

    /** A valid assertion for the token endpoint, adjustable claim by claim. */
    private String assertion(ECKey signingKey, String clientId, Consumer<JWTClaimsSet.Builder> adjust) {
        Instant now = server.clock.instant();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                .audience(tokenEndpointOf(t)).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString());
        adjust.accept(b);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID()).build(), b.build());
        try {
            jwt.sign(new ECDSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private String assertion(Consumer<JWTClaimsSet.Builder> adjust) {
        return assertion(key, client.clientId(), adjust);
    }

    private Http.Response tokenWith(String assertion) {
        return http.post("/t/" + t + "/token").form("grant_type", "client_credentials",
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", assertion).send();
    }

    private static void expectInvalidClient(Http.Response r) {
        r.expectStatus(401).expectError("invalid_client").expectHeader("Cache-Control", "no-store");
        assertThat(r.json()).doesNotContainKey("access_token");
    }

    @Test
    @DisplayName("RFC 7523 §2.2: a valid assertion signed with the registered key authenticates the client")
    void validAssertion_isAccepted() {
        Http.Response r = tokenWith(assertion(b -> {})).expectStatus(200);
        assertThat(introspection(t, introspector(), r.string("access_token")))
                .containsEntry("active", true).containsEntry("client_id", client.clientId());
    }

    @Test
    @DisplayName("RFC 7523 §2.2: client_id may accompany the assertion when it names the same client")
    void matchingClientId_isAccepted() {
        http.post("/t/" + t + "/token").form("grant_type", "client_credentials", "client_id", client.clientId(),
                "client_assertion_type", ASSERTION_TYPE, "client_assertion", assertion(b -> {})).send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7523 §3: aud = the issuer identifier is accepted")
    void audIssuer_isAccepted() {
        tokenWith(assertion(b -> b.audience(issuerOf(t)))).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7523 §3: aud = the token endpoint URL is accepted")
    void audTokenEndpoint_isAccepted() {
        tokenWith(assertion(b -> b.audience(tokenEndpointOf(t)))).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7523 §3: any other aud → 401 invalid_client")
    void otherAud_isRejected() {
        expectInvalidClient(tokenWith(assertion(b -> b.audience("https://elsewhere.example.com/token"))));
        String other = freshTenant("pkj");
        expectInvalidClient(tokenWith(assertion(b -> b.audience(issuerOf(other)))));
    }

    @Test
    @DisplayName("RFC 7523 §3: an expired assertion → 401 invalid_client")
    void expiredAssertion_isRejected() {
        Instant now = server.clock.instant();
        expectInvalidClient(tokenWith(assertion(b -> b.issueTime(Date.from(now.minusSeconds(600)))
                .expirationTime(Date.from(now.minusSeconds(300))))));
    }

    @Test
    @DisplayName("RFC 7523 §3: an assertion without exp → 401 invalid_client")
    void assertionWithoutExp_isRejected() {
        expectInvalidClient(tokenWith(assertion(b -> b.expirationTime(null))));
    }

    @Test
    @DisplayName("RFC 7523 §3: reusing the same jti (replay) → 401 invalid_client")
    void replayedJti_isRejected() {
        String jti = UUID.randomUUID().toString();
        tokenWith(assertion(b -> b.jwtID(jti))).expectStatus(200);
        expectInvalidClient(tokenWith(assertion(b -> b.jwtID(jti))));
    }

    @Test
    @DisplayName("RFC 7523 §3: the same assertion sent concurrently is accepted exactly once")
    void concurrentReplay_winsOnce() throws Exception {
        String a = assertion(b -> {});
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var results = pool.invokeAll(java.util.Collections.nCopies(8,
                    (java.util.concurrent.Callable<Integer>) () -> tokenWith(a).status()));
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : results) statuses.add(f.get());
            assertThat(statuses).containsOnly(200, 401);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("RFC 7523 §3: replaying the very same assertion → 401 invalid_client")
    void replayedAssertion_isRejected() {
        String a = assertion(b -> {});
        tokenWith(a).expectStatus(200);
        expectInvalidClient(tokenWith(a));
    }

    @Test
    @DisplayName("RFC 7523 §3: an assertion without jti → 401 invalid_client")
    void missingJti_isRejected() {
        expectInvalidClient(tokenWith(assertion(b -> b.jwtID(null))));
    }

    @Test
    @DisplayName("RFC 7523 §3: an assertion signed with a key the client did not register → 401 invalid_client")
    void wrongKey_isRejected() throws JOSEException {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(key.getKeyID()).generate();
        expectInvalidClient(tokenWith(assertion(stranger, client.clientId(), b -> {})));
    }

    @Test
    @DisplayName("RFC 7523 §3: iss/sub naming another client than the signer's keys → 401 invalid_client")
    void assertionForAnotherClient_isRejected() throws JOSEException {
        ECKey otherKey = new ECKeyGenerator(Curve.P_256).keyID("other").generate();
        RegisteredClient other = registerWithJwks(otherKey);
        // signed with this client's key but claiming to be the other client
        expectInvalidClient(tokenWith(assertion(key, other.clientId(), b -> {})));
    }

    @Test
    @DisplayName("RFC 7523 §3: iss and sub must both be the client_id")
    void subjectMismatch_isRejected() {
        expectInvalidClient(tokenWith(assertion(b -> b.subject("someone-else"))));
        expectInvalidClient(tokenWith(assertion(b -> b.issuer("someone-else"))));
    }

    @Test
    @DisplayName("RFC 7523 §3: at the introspection and revocation endpoints, their own URL is an accepted aud")
    void otherEndpoints_acceptTheirUrlAsAud() {
        String token = clientCredentialsToken(t, introspector());
        String introspect = (String) discovery(t).get("introspection_endpoint");
        Http.Response i = http.post("/t/" + t + "/introspect").form("token", token, "client_assertion_type", ASSERTION_TYPE,
                "client_assertion", assertion(b -> b.audience(introspect))).send().expectStatus(200);
        assertThat(i.json()).containsEntry("active", true);
        expectInvalidClient(http.post("/t/" + t + "/introspect").form("token", token, "client_assertion_type",
                ASSERTION_TYPE, "client_assertion", assertion(b -> b.audience("https://elsewhere.example.com"))).send());
        String revoke = (String) discovery(t).get("revocation_endpoint");
        http.post("/t/" + t + "/revoke").form("token", "unknown-token", "client_assertion_type", ASSERTION_TYPE,
                "client_assertion", assertion(b -> b.audience(revoke))).send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7523 §3: an unreachable jwks_uri → 401 invalid_client, never 5xx")
    void unreachableJwksUri_isInvalidClient() throws Exception {
        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ECKey k = new ECKeyGenerator(Curve.P_256).keyID("gone").generate();
        RegisteredClient c = register(t, "{\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"scope\":\"read\","
                + "\"jwks_uri\":\"http://127.0.0.1:" + closedPort + "/jwks\"}");
        expectInvalidClient(tokenWith(assertion(k, c.clientId(), b -> {})));
    }

    @Test
    @DisplayName("RFC 7523 §2.2: a tampered assertion (payload changed after signing) → 401 invalid_client")
    void tamperedAssertion_isRejected() {
        String[] parts = assertion(b -> {}).split("\\.");
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"" + client.clientId() + "\",\"sub\":\"" + client.clientId() + "\",\"aud\":\"" + tokenEndpointOf(t)
                        + "\",\"exp\":" + (server.clock.instant().getEpochSecond() + 60) + ",\"jti\":\"x-" + UUID.randomUUID()
                        + "\"}").getBytes(StandardCharsets.UTF_8));
        expectInvalidClient(tokenWith(parts[0] + "." + payload + "." + parts[2]));
    }

    @Test
    @DisplayName("RFC 7523 §2.2: an unsigned (alg none) assertion → 401 invalid_client")
    void unsignedAssertion_isRejected() {
        String payload = assertion(b -> {}).split("\\.")[1];
        String header = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        expectInvalidClient(tokenWith(header + "." + payload + "."));
    }

    @Test
    @DisplayName("RFC 7591 §2: a private_key_jwt client presenting a client secret → 401 invalid_client")
    void privateKeyJwtClient_usingSecret_isRejected() {
        expectInvalidClient(http.post("/t/" + t + "/token").basicAuth(client.clientId(), "guessed-secret")
                .form("grant_type", "client_credentials").send());
        expectInvalidClient(http.post("/t/" + t + "/token").form("grant_type", "client_credentials",
                "client_id", client.clientId(), "client_secret", "guessed-secret").send());
    }

    @Test
    @DisplayName("RFC 7591 §2: a client_secret_basic client cannot authenticate with an assertion")
    void secretClient_usingAssertion_isRejected() throws JOSEException {
        RegisteredClient secretClient = serviceClient(t, "opaque");
        expectInvalidClient(tokenWith(assertion(key, secretClient.clientId(), b -> {})));
    }

    @Test
    @DisplayName("RFC 7521 §4.2: a wrong client_assertion_type → 400 invalid_request or 401 invalid_client")
    void wrongAssertionType_isRejected() {
        Http.Response r = http.post("/t/" + t + "/token").form("grant_type", "client_credentials",
                "client_assertion_type", "urn:example:other", "client_assertion", assertion(b -> {})).send();
        assertThat(r.status()).isIn(400, 401);
        assertThat(r.string("error")).isIn("invalid_request", "invalid_client");
        assertThat(r.json()).doesNotContainKey("access_token");
    }

    @Test
    @DisplayName("RFC 7521 §4.2: a garbage client_assertion → 401 invalid_client, never 5xx")
    void garbageAssertion_isRejected() {
        expectInvalidClient(tokenWith("not-a-jwt"));
        expectInvalidClient(tokenWith("a.b.c"));
    }

    @Test
    @DisplayName("RFC 7523 §3: an assertion valid for an unreasonably long time is refused (bounded replay window)")
    void overlongAssertion_isRejected() {
        Instant now = server.clock.instant();
        expectInvalidClient(tokenWith(assertion(b -> b.expirationTime(Date.from(now.plusSeconds(30 * 86_400))))));
    }

    @Test
    @DisplayName("RFC 7523 §3 + RFC 7591 §2: keys fetched from the client's jwks_uri verify its assertion")
    void jwksUri_isUsed() throws Exception {
        ECKey remoteKey = new ECKeyGenerator(Curve.P_256).keyID("remote-1").generate();
        byte[] set = new JWKSet(remoteKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks", ex -> {
            jwksHits.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, set.length);
            ex.getResponseBody().write(set);
            ex.close();
        });
        jwksServer.start();
        String uri = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks";
        RegisteredClient remote = register(t, "{\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"scope\":\"read\",\"jwks_uri\":\"" + uri + "\"}");
        Http.Response ok = tokenWith(assertion(remoteKey, remote.clientId(), b -> {})).expectStatus(200);
        assertThat(jwksHits.get()).isPositive();
        assertThat(introspection(t, introspector(), ok.string("access_token"))).containsEntry("client_id", remote.clientId());

        ECKey notPublished = new ECKeyGenerator(Curve.P_256).keyID("remote-1").generate();
        expectInvalidClient(tokenWith(assertion(notPublished, remote.clientId(), b -> {})));
    }

    private RegisteredClient introspector;

    private RegisteredClient introspector() {
        if (introspector == null) introspector = serviceClient(t, "opaque");
        return introspector;
    }
}
