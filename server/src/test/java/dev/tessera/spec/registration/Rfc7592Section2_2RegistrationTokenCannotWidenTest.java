package dev.tessera.spec.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
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
import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7592 §2.2 (the server may refuse values; CONTRACT §3): with only its registration access token,
 * a client may change what describes it and narrow what it may do, never widen it. Every member is
 * tried, in tenant {@code system} (whose admin scope administers every tenant) and in an ordinary
 * tenant: a refused change is 400 {@code invalid_client_metadata} naming the member and leaves the
 * client as it was; the same change made with the admin token is accepted, so the refusal is the
 * token's, not the value's.
 */
@Tag("rfc7592")
class Rfc7592Section2_2RegistrationTokenCannotWidenTest extends SpecTest {
    private static final String NORMAL = "widen";
    private static final ECKey KEY = key("k1");
    private static final ECKey OTHER_KEY = key("k2");

    /** A client as registered: JSON member → JSON value text. */
    private static Map<String, String> service() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("grant_types", "[\"client_credentials\"]");
        m.put("scope", "\"read write\"");
        m.put("client_name", "\"Orig\"");
        return m;
    }

    private static Map<String, String> web() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("grant_types", "[\"authorization_code\",\"refresh_token\"]");
        m.put("response_types", "[\"code\"]");
        m.put("redirect_uris", "[\"https://app.example/cb\",\"https://app.example/cb2\"]");
        m.put("post_logout_redirect_uris", "[\"https://app.example/bye\",\"https://app.example/bye2\"]");
        m.put("scope", "\"openid read write\"");
        m.put("default_max_age", "3600");
        m.put("client_name", "\"Orig\"");
        return m;
    }

    private static Map<String, String> strict() {
        Map<String, String> m = service();
        m.put("consent_required", "true");
        m.put("dpop_bound_access_tokens", "true");
        m.put("tls_client_certificate_bound_access_tokens", "true");
        m.put("access_token_format", "\"jwt\"");
        m.put("software_id", "\"4NRB1-0XZABZI9E6-5SM3R\"");
        return m;
    }

    private static Map<String, String> keyed() {
        Map<String, String> m = service();
        m.put("token_endpoint_auth_method", "\"private_key_jwt\"");
        m.put("jwks", new JWKSet(KEY.toPublicJWK()).toString());
        return m;
    }

    private static Map<String, String> remoteKeys() {
        Map<String, String> m = service();
        m.put("jwks_uri", "\"https://keys.example/jwks\"");
        return m;
    }

    /** One change: the client it starts from, the member, its new JSON value (null: left out), and whether the token may make it. */
    record Change(String label, Map<String, String> base, String member, String value, boolean allowed) {
        @Override
        public String toString() { return (allowed ? "allowed: " : "refused: ") + label; }
    }

    static List<Change> changes() {
        List<Change> c = new ArrayList<>();
        // free: what describes the client
        c.add(new Change("client_name", service(), "client_name", "\"Renamed\"", true));
        c.add(new Change("client_name#de", service(), "client_name#de", "\"Umbenannt\"", true));
        c.add(new Change("logo_uri", service(), "logo_uri", "\"https://app.example/logo.png\"", true));
        c.add(new Change("client_uri", service(), "client_uri", "\"https://app.example\"", true));
        c.add(new Change("policy_uri", service(), "policy_uri", "\"https://app.example/privacy\"", true));
        c.add(new Change("tos_uri", service(), "tos_uri", "\"https://app.example/tos\"", true));
        c.add(new Change("contacts", service(), "contacts", "[\"ops@app.example\"]", true));
        c.add(new Change("software_version", service(), "software_version", "\"2.0\"", true));
        c.add(new Change("id_token_signed_response_alg", web(), "id_token_signed_response_alg", "\"RS256\"", true));
        c.add(new Change("userinfo_signed_response_alg", web(), "userinfo_signed_response_alg", "\"RS256\"", true));
        c.add(new Change("introspection_signed_response_alg", service(), "introspection_signed_response_alg", "\"RS256\"", true));
        // keys: neither jwks nor jwks_uri changes (a new key would let the token's holder authenticate as the client)
        c.add(new Change("jwks replaced", keyed(), "jwks", new JWKSet(OTHER_KEY.toPublicJWK()).toString(), false));
        c.add(new Change("jwks unchanged", keyed(), "jwks", new JWKSet(KEY.toPublicJWK()).toString(), true));
        c.add(new Change("jwks added", service(), "jwks", new JWKSet(OTHER_KEY.toPublicJWK()).toString(), false));
        c.add(new Change("jwks_uri changed", remoteKeys(), "jwks_uri", "\"https://evil.example/jwks\"", false));
        c.add(new Change("jwks_uri added", service(), "jwks_uri", "\"https://keys.example/jwks\"", false));
        // shrink only
        c.add(new Change("scope narrowed", service(), "scope", "\"read\"", true));
        c.add(new Change("scope removed", service(), "scope", null, true));
        for (String widened : List.of("read write admin", "read admin", "admin", "read ADMIN", "read Admin", "read write delete")) {
            c.add(new Change("scope \"" + widened + "\"", service(), "scope", "\"" + widened + "\"", false));
        }
        c.add(new Change("grant_types narrowed", web(), "grant_types", "[\"authorization_code\"]", true));
        c.add(new Change("grant_types + client_credentials", web(), "grant_types",
                "[\"authorization_code\",\"refresh_token\",\"client_credentials\"]", false));
        c.add(new Change("grant_types + refresh_token", service(), "grant_types", "[\"client_credentials\",\"refresh_token\"]", false));
        c.add(new Change("redirect_uris narrowed", web(), "redirect_uris", "[\"https://app.example/cb\"]", true));
        c.add(new Change("redirect_uris + foreign", web(), "redirect_uris",
                "[\"https://app.example/cb\",\"https://evil.example/cb\"]", false));
        c.add(new Change("redirect_uris replaced", web(), "redirect_uris", "[\"https://app.example/other\"]", false));
        c.add(new Change("post_logout_redirect_uris narrowed", web(), "post_logout_redirect_uris", "[\"https://app.example/bye\"]", true));
        c.add(new Change("post_logout_redirect_uris + foreign", web(), "post_logout_redirect_uris",
                "[\"https://app.example/bye\",\"https://evil.example/bye\"]", false));
        c.add(new Change("response_types kept", web(), "response_types", "[\"code\"]", true));
        // must keep: how the client authenticates, how its tokens look
        c.add(new Change("token_endpoint_auth_method → client_secret_post", service(), "token_endpoint_auth_method",
                "\"client_secret_post\"", false));
        c.add(new Change("token_endpoint_auth_method private_key_jwt → client_secret_basic", keyed(), "token_endpoint_auth_method",
                "\"client_secret_basic\"", false));
        c.add(new Change("token_endpoint_auth_signing_alg", keyed(), "token_endpoint_auth_signing_alg", "\"ES256\"", false));
        c.add(new Change("software_id changed", strict(), "software_id", "\"other\"", false));
        c.add(new Change("software_id added", service(), "software_id", "\"4NRB1-0XZABZI9E6-5SM3R\"", false));
        c.add(new Change("software_statement", service(), "software_statement", "\"" + softwareStatement() + "\"", false));
        c.add(new Change("access_token_format → jwt", service(), "access_token_format", "\"jwt\"", false));
        c.add(new Change("access_token_format → opaque", strict(), "access_token_format", "\"opaque\"", false));
        // only the stricter way
        c.add(new Change("consent_required → true", service(), "consent_required", "true", true));
        c.add(new Change("consent_required → false", strict(), "consent_required", "false", false));
        c.add(new Change("consent_required left out (default false)", strict(), "consent_required", null, false));
        c.add(new Change("dpop_bound_access_tokens → true", service(), "dpop_bound_access_tokens", "true", true));
        c.add(new Change("dpop_bound_access_tokens → false", strict(), "dpop_bound_access_tokens", "false", false));
        c.add(new Change("tls_client_certificate_bound_access_tokens → true", service(),
                "tls_client_certificate_bound_access_tokens", "true", true));
        c.add(new Change("tls_client_certificate_bound_access_tokens → false", strict(),
                "tls_client_certificate_bound_access_tokens", "false", false));
        c.add(new Change("default_max_age shorter", web(), "default_max_age", "600", true));
        c.add(new Change("default_max_age added", service(), "default_max_age", "600", true));
        c.add(new Change("default_max_age longer", web(), "default_max_age", "7200", false));
        c.add(new Change("default_max_age removed", web(), "default_max_age", null, false));
        return c;
    }

    Stream<Arguments> everyChangeInEveryTenant() {
        return Stream.of("system", NORMAL).flatMap(t -> changes().stream().map(ch -> Arguments.of(t, ch)));
    }

    @BeforeAll
    void tenant() {
        createTenant(NORMAL);
    }

    @ParameterizedTest(name = "tenant {0}, {1}")
    @MethodSource("everyChangeInEveryTenant")
    @DisplayName("RFC 7592 §2.2: each member changed with the registration access token → applied, or 400 naming it and nothing changed")
    void registrationToken_changesOnlyWhatItMay(String tenant, Change change) {
        RegisteredClient c = register(tenant, json(change.base(), null));
        String uri = "/t/" + tenant + "/register/" + c.clientId();
        Map<String, Object> before = adminRead(uri);
        Map<String, String> proposed = new LinkedHashMap<>(change.base());
        if (change.value() == null) proposed.remove(change.member());
        else proposed.put(change.member(), change.value());
        String body = json(proposed, c.clientId());

        Http.Response r = http.put(uri).bearer(c.registrationAccessToken()).json(body).send();
        if (change.allowed()) {
            r.expectStatus(200);
            assertApplied(adminRead(uri), change);
            return;
        }
        r.expectStatus(400).expectError("invalid_client_metadata");
        assertThat(r.string("error_description")).contains(change.member().equals("client_name#de") ? "client_name" : change.member());
        assertThat(adminRead(uri)).as("nothing changed").isEqualTo(before);
        // the refused request did not use up the token; the admin token may make the change
        http.get(uri).bearer(c.registrationAccessToken()).send().expectStatus(200);
        http.put(uri).bearer(adminToken()).json(body).send().expectStatus(200);
        assertApplied(adminRead(uri), change);
    }

    @Test
    @DisplayName("RFC 7592 §2.2: the cases above change every member Tessera stores")
    void everyDefinedMember_isTried() {
        assertThat(changes().stream().map(Change::member).map(m -> m.replaceAll("#.*", "")).toList())
                .containsAll(dev.tessera.client.Client.TESSERA_MEMBERS);
    }

    @ParameterizedTest(name = "tenant {0}")
    @ValueSource(strings = {"system", NORMAL})
    @DisplayName("RFC 7592 §2.2: PUT scope \"read admin\" with the registration access token, then scope=admin → refused; "
            + "its tokens administer nothing")
    void theIssue9Attack_fails(String tenant) {
        RegisteredClient c = register(tenant, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        String uri = "/t/" + tenant + "/register/" + c.clientId();
        for (String scope : List.of("read admin", "admin", "read  admin", "read ADMIN", "Admin read")) {
            http.put(uri).bearer(c.registrationAccessToken()).json("{\"client_id\":\"" + c.clientId()
                    + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"" + scope + "\"}").send()
                    .expectStatus(400);
        }
        http.post("/t/" + tenant + "/token").basicAuth(c.clientId(), c.clientSecret())
                .form("grant_type", "client_credentials", "scope", "admin").send().expectStatus(400).expectError("invalid_scope");
        String token = http.post("/t/" + tenant + "/token").basicAuth(c.clientId(), c.clientSecret())
                .form("grant_type", "client_credentials").send().expectStatus(200).string("access_token");
        assertThat(http.get("/admin/v1/tenants/" + NORMAL).bearer(token).send().status()).isIn(401, 403);
        assertThat(http.put("/admin/v1/tenants/stolen").bearer(token).json("{\"displayName\":\"x\"}").send().status()).isIn(401, 403);
        assertThat(adminRead(uri)).containsEntry("scope", "read");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) http.get("/admin/v1/tenants/" + tenant
                + "/audit-events?limit=1000").bearer(adminToken()).send().expectStatus(200).json().get("events");
        assertThat(events).as("each refused attempt is audited")
                .filteredOn(e -> "client.update_denied".equals(e.get("type")) && c.clientId().equals(e.get("clientId")))
                .hasSize(5).allSatisfy(e -> assertThat(e).containsEntry("outcome", "failure"));
    }

    private Map<String, Object> adminRead(String uri) {
        return http.get(uri).bearer(adminToken()).send().expectStatus(200).json();
    }

    private static void assertApplied(Map<String, Object> stored, Change change) {
        if (change.value() == null) {
            if (!change.member().equals("consent_required")) assertThat(stored).doesNotContainKey(change.member());
            return;
        }
        Object expected = parse(change.value());
        Object actual = stored.get(change.member());
        if (Boolean.FALSE.equals(expected)) {
            assertThat(actual).as(change.member()).isIn(null, false);     // false may be written as absent
        } else if (expected instanceof Collection<?> e && actual instanceof Collection<?> a) {
            assertThat(new HashSet<>(a)).as(change.member()).isEqualTo(new HashSet<>(e));
        } else if (expected instanceof Number e && actual instanceof Number a) {
            assertThat(a.longValue()).as(change.member()).isEqualTo(e.longValue());
        } else {
            assertThat(actual).as(change.member()).isEqualTo(expected);
        }
    }

    private static Object parse(String jsonValue) {
        try {
            return JSONObjectUtils.parse("{\"v\":" + jsonValue + "}").get("v");
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String json(Map<String, String> members, String clientId) {
        StringBuilder b = new StringBuilder("{");
        if (clientId != null) b.append("\"client_id\":\"").append(clientId).append('"');
        members.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    private static ECKey key(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String softwareStatement() {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256),
                new JWTClaimsSet.Builder().issuer("https://publisher.example").claim("software_id", "app").build());
        try {
            jwt.sign(new ECDSASigner(KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
