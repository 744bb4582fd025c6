package dev.tessera.spec.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tessera.testing.SpecTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A data-driven battery of malformed requests against one real server: every case must get a 4xx
 * (or the 200 an RFC prescribes), a well-formed error body and no stack trace; afterwards no table
 * but audit_events has changed and the server is still ready. Spec: CONTRACT §5.
 */
abstract class BadInputBattery extends SpecTest {
    static final String T = "bad";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String CC = "grant_type=client_credentials";
    /** Traces of a stack trace or of Java internals that no answer may show. */
    static final String[] INTERNALS = {"at dev.tessera", "Exception", "\tat ", "Caused by", "java.", "javax.", "net.minidev",
        "com.nimbusds", "org.eclipse", "cannot be cast", "loader 'app'"};

    RawHttp raw;
    String admin;
    RegisteredClient opaqueClient;
    RegisteredClient jwtClient;
    RegisteredClient keyClient;
    ECKey clientKey;
    String opaqueToken;
    String jwtToken;
    private StoreSnapshot before;

    /** Adds this family's cases; suppliers are called only when the case runs (after the fixture exists). */
    abstract void cases(Cases c);

    @BeforeAll
    void fixture() throws Exception {
        raw = new RawHttp("127.0.0.1", server.tessera.port());
        createTenant(T);
        opaqueClient = serviceClient(T, "opaque");
        jwtClient = serviceClient(T, "jwt");
        clientKey = new ECKeyGenerator(Curve.P_256).keyID("client-key").generate();
        keyClient = register(T, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\","
                + "\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks\":{\"keys\":["
                + clientKey.toPublicJWK().toJSONString() + "]}}");
        opaqueToken = clientCredentialsToken(T, opaqueClient, "scope", "read");
        jwtToken = clientCredentialsToken(T, jwtClient, "scope", "read");
        admin = adminToken();
        prepare();
        before = StoreSnapshot.of(server.tessera.database());
    }

    /** More fixture for a family's cases, created before the store snapshot is taken. */
    void prepare() {}

    @TestFactory
    Stream<DynamicTest> battery() {
        Cases c = new Cases();
        cases(c);
        return Stream.concat(c.all().stream().map(r -> dynamicTest(r.name(), () -> check(r))), Stream.of(
                dynamicTest("afterwards: " + String.join(", ", StoreSnapshot.TABLES) + " unchanged",
                        this::noStoredChange),
                dynamicTest("afterwards: GET /health/ready → 200", this::stillReady)));
    }

    RawHttp.Request get(String path) {
        return raw.request("GET", path);
    }

    RawHttp.Request post(String path) {
        return raw.request("POST", path);
    }

    RawHttp.Request put(String path) {
        return raw.request("PUT", path);
    }

    RawHttp.Request delete(String path) {
        return raw.request("DELETE", path);
    }

    RawHttp.Request method(String method, String path) {
        return raw.request(method, path);
    }

    static String b64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static void check(BadRequest r) {
        RawHttp.Reply reply = r.send().get();
        assertThat(reply.status()).as("status of '%s' → %s", r.name(), reply).isIn(r.statuses());
        assertThat(reply.status()).as("never a 5xx: %s", reply).isLessThan(500);
        for (String leak : INTERNALS) {
            assertThat(reply.body()).as("no stack trace or internals in the body of '%s'", r.name()).doesNotContain(leak);
        }
        switch (r.body()) {
            case OAUTH_ERROR -> {
                assertThat(reply.header("Content-Type")).as("content type of %s", reply).startsWith("application/json");
                Map<String, Object> json = json(reply);
                assertThat(json.get("error")).as("error member of %s", reply).isInstanceOf(String.class);
                if (r.expected() != null) assertThat(json).as("body of %s", reply).containsEntry("error", r.expected());
            }
            case PROBLEM -> {
                assertThat(reply.header("Content-Type")).as("content type of %s", reply).isEqualTo("application/problem+json");
                Map<String, Object> json = json(reply);
                assertThat(json).as("problem of %s", reply).containsEntry("status", (long) reply.status())
                        .containsKeys("type", "title", "detail");
            }
            case INACTIVE -> {
                assertThat(reply.header("Content-Type")).as("content type of %s", reply).startsWith("application/json");
                assertThat(json(reply)).as("RFC 7662 §2.2 body of %s", reply).isEqualTo(Map.of("active", false));
            }
            case EMPTY -> assertThat(reply.body()).as("RFC 7009 §2.2 body of %s", reply).isEmpty();
            case MEDIA_TYPE -> assertThat(reply.header("Content-Type")).as("content type of %s", reply).startsWith(r.expected());
            case TRANSPORT -> {
                // Jetty's own answer: Tessera's protocol error handler makes it OAuth-style JSON (426 has no body)
                if (!reply.body().isEmpty()) {
                    assertThat(reply.header("Content-Type")).as("content type of %s", reply).startsWith("application/json");
                    assertThat(json(reply).get("error")).as("error member of %s", reply).isInstanceOf(String.class);
                }
            }
            case SCIM_ERROR -> {
                assertThat(reply.header("Content-Type")).as("content type of %s", reply).startsWith("application/scim+json");
                Map<String, Object> json = json(reply);
                assertThat(json).as("SCIM error of %s", reply)
                        .containsEntry("schemas", java.util.List.of("urn:ietf:params:scim:api:messages:2.0:Error"))
                        .containsEntry("status", Integer.toString(reply.status())).containsKey("detail");
                assertThat(json.get("scimType")).as("scimType of %s", reply).isEqualTo(r.expected());
            }
            case AGENT_ERROR -> {
                assertThat(reply.header("Content-Type")).as("content type of %s", reply).startsWith("application/json");
                Map<String, Object> json = json(reply);
                assertThat(json.get("code")).as("code member of %s", reply).isInstanceOf(String.class);
                assertThat(json.get("message")).as("message member of %s", reply).isInstanceOf(String.class);
                if (r.expected() != null) assertThat(json).as("body of %s", reply).containsEntry("code", r.expected());
            }
            case CHALLENGE -> {
                String challenge = reply.header("WWW-Authenticate");
                assertThat(challenge).as("RFC 6750 §3 challenge of %s", reply).startsWith("Bearer realm=\"");
                if (r.expected() == null) {
                    assertThat(challenge).as("no error attribute without a token: %s", reply).doesNotContain("error=");
                } else {
                    assertThat(challenge).as("error attribute of %s", reply).contains("error=\"" + r.expected() + "\"");
                    assertThat(json(reply)).as("body of %s", reply).containsEntry("error", r.expected());
                }
                assertThat(reply.header("Authorization")).as("nothing to forward in %s", reply).isNull();
            }
            case FORWARDED -> {
                assertThat(reply.header("Authorization")).as("JWT to forward in %s", reply).startsWith("Bearer eyJ");
                assertThat(reply.header("Cache-Control")).as("Cache-Control of %s", reply).startsWith("max-age=");
            }
            case NO_CONTENT -> assertThat(reply.body()).as("CONTRACT §6.3 body of %s", reply).isEmpty();
            default -> throw new IllegalStateException();
        }
    }

    private static Map<String, Object> json(RawHttp.Reply reply) {
        try {
            return JSONObjectUtils.parse(reply.body());
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JSON object: " + reply);
        }
    }

    private void noStoredChange() {
        StoreSnapshot after = StoreSnapshot.of(server.tessera.database());
        assertThat(after.counts()).as("row counts").isEqualTo(before.counts());
        for (String table : StoreSnapshot.TABLES) {
            assertThat(after.tables().get(table)).as("rows of %s", table).isEqualTo(before.tables().get(table));
        }
    }

    private void stillReady() {
        RawHttp.Reply r = get("/health/ready").send();
        assertThat(r.status()).as("readiness: %s", r).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"UP\"");
    }
}
