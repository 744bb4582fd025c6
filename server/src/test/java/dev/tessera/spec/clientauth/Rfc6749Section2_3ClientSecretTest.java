package dev.tessera.spec.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 6749 §2.3: client_secret_basic (§2.3.1 with form-urlencoded id and secret), client_secret_post,
 * one method per request; each client only with its registered method (RFC 7591 §2).
 */
@Tag("rfc6749")
class Rfc6749Section2_3ClientSecretTest extends TokenSpecTest {
    private String t;
    private RegisteredClient basic;
    private RegisteredClient post;

    @BeforeAll
    void clients() {
        t = freshTenant("csec");
        basic = serviceClient(t, "opaque");
        post = register(t, "{\"grant_types\":[\"client_credentials\"],\"token_endpoint_auth_method\":\"client_secret_post\","
                + "\"scope\":\"read\"}");
    }

    private String path() {
        return "/t/" + t + "/token";
    }

    /** Percent-encodes every character, as a form-urlencoding client may legally do (RFC 6749 Appendix B). */
    private static String encodeAll(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) b.append('%').append(String.format("%02X", x & 0xff));
        return b.toString();
    }

    private static String basicHeader(String rawPair) {
        return "Basic " + Base64.getEncoder().encodeToString(rawPair.getBytes(StandardCharsets.UTF_8));
    }

    private static void expectInvalidClient(Http.Response r) {
        r.expectStatus(401).expectError("invalid_client").expectHeader("Cache-Control", "no-store");
        assertThat(r.json()).doesNotContainKey("access_token");
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: client_secret_basic with the registered secret is accepted")
    void basic_isAccepted() {
        http.post(path()).basicAuth(basic.clientId(), basic.clientSecret()).form("grant_type", "client_credentials")
                .send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: id and secret inside Basic are form-urlencoded first (every octet percent-encoded)")
    void basic_decodesFormUrlEncodedIdAndSecret() {
        String header = basicHeader(encodeAll(basic.clientId()) + ":" + encodeAll(basic.clientSecret()));
        http.post(path()).header("Authorization", header).form("grant_type", "client_credentials")
                .send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: a percent-encoded secret that decodes to another value is rejected")
    void basic_encodedWrongSecret_isRejected() {
        String header = basicHeader(encodeAll(basic.clientId()) + ":" + encodeAll(basic.clientSecret() + "!"));
        expectInvalidClient(http.post(path()).header("Authorization", header).form("grant_type", "client_credentials").send());
    }

    @Test
    @DisplayName("RFC 7617 §2: the auth-scheme name is case-insensitive (\"basic\")")
    void basicScheme_isCaseInsensitive() {
        String header = Http.basic(basic.clientId(), basic.clientSecret()).replaceFirst("Basic", "basic");
        http.post(path()).header("Authorization", header).form("grant_type", "client_credentials").send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: client_secret_post with client_id and client_secret in the body is accepted")
    void post_isAccepted() {
        http.post(path()).form("grant_type", "client_credentials", "client_id", post.clientId(),
                "client_secret", post.clientSecret()).send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: client_secret_post with a wrong secret → 401 invalid_client")
    void post_wrongSecret_isRejected() {
        expectInvalidClient(http.post(path()).form("grant_type", "client_credentials", "client_id", post.clientId(),
                "client_secret", post.clientSecret() + "x").send());
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: client_secret_post without client_id → 401 invalid_client")
    void post_withoutClientId_isRejected() {
        expectInvalidClient(http.post(path()).form("grant_type", "client_credentials", "client_secret", post.clientSecret())
                .send());
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: Basic with a wrong secret → 401 with WWW-Authenticate: Basic")
    void basic_wrongSecret_isChallenged() {
        Http.Response r = http.post(path()).basicAuth(basic.clientId(), basic.clientSecret().substring(1))
                .form("grant_type", "client_credentials").send();
        expectInvalidClient(r);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic ");
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: secrets compare exactly (a prefix or empty secret is rejected)")
    void secretComparison_isExact() {
        expectInvalidClient(http.post(path()).basicAuth(basic.clientId(), basic.clientSecret().substring(0, 42))
                .form("grant_type", "client_credentials").send());
        expectInvalidClient(http.post(path()).basicAuth(basic.clientId(), "")
                .form("grant_type", "client_credentials").send());
        expectInvalidClient(http.post(path()).basicAuth(basic.clientId(), basic.clientSecret().toUpperCase())
                .form("grant_type", "client_credentials").send());
    }

    @Test
    @DisplayName("RFC 7591 §2: a client registered for client_secret_post cannot use Basic (401, Basic challenge)")
    void postClient_usingBasic_isRejected() {
        Http.Response r = http.post(path()).basicAuth(post.clientId(), post.clientSecret())
                .form("grant_type", "client_credentials").send();
        expectInvalidClient(r);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic ");
    }

    @Test
    @DisplayName("RFC 7591 §2: a client registered for client_secret_basic cannot post its secret (401)")
    void basicClient_usingPost_isRejected() {
        expectInvalidClient(http.post(path()).form("grant_type", "client_credentials", "client_id", basic.clientId(),
                "client_secret", basic.clientSecret()).send());
    }

    @Test
    @DisplayName("RFC 6749 §2.3: Basic plus client_secret in the body (two methods) → 400 invalid_request")
    void basicAndPost_isInvalidRequest() {
        http.post(path()).basicAuth(basic.clientId(), basic.clientSecret()).form("grant_type", "client_credentials",
                "client_id", basic.clientId(), "client_secret", basic.clientSecret()).send()
                .expectStatus(400).expectError("invalid_request").expectHeader("Cache-Control", "no-store");
    }

    @Test
    @DisplayName("RFC 6749 §2.3: Basic plus a client assertion (two methods) → 400 invalid_request")
    void basicAndAssertion_isInvalidRequest() {
        http.post(path()).basicAuth(basic.clientId(), basic.clientSecret()).form("grant_type", "client_credentials",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA").send()
                .expectStatus(400).expectError("invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §2.3: client_secret in the body plus a client assertion (two methods) → 400 invalid_request")
    void postAndAssertion_isInvalidRequest() {
        http.post(path()).form("grant_type", "client_credentials", "client_id", post.clientId(),
                "client_secret", post.clientSecret(),
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA").send()
                .expectStatus(400).expectError("invalid_request");
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: Basic with a client_id in the body naming the same client is accepted")
    void basicWithMatchingBodyClientId_isAccepted() {
        http.post(path()).basicAuth(basic.clientId(), basic.clientSecret())
                .form("grant_type", "client_credentials", "client_id", basic.clientId()).send().expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: the secret of one client does not authenticate another client")
    void secretOfAnotherClient_isRejected() {
        RegisteredClient other = serviceClient(t, "opaque");
        expectInvalidClient(http.post(path()).basicAuth(other.clientId(), basic.clientSecret())
                .form("grant_type", "client_credentials").send());
    }

    @Test
    @DisplayName("CONTRACT §2: a client of another tenant is unknown here → 401 invalid_client")
    void clientOfAnotherTenant_isUnknown() {
        String other = freshTenant("csec");
        expectInvalidClient(http.post("/t/" + other + "/token").basicAuth(basic.clientId(), basic.clientSecret())
                .form("grant_type", "client_credentials").send());
    }

    @Test
    @DisplayName("RFC 7591 §3.2.1: generated client secrets carry ≥ 256 bits (≥ 43 base64url characters)")
    void generatedSecret_isLongEnough() {
        assertThat(basic.clientSecret()).matches("[A-Za-z0-9_-]{43,}");
        assertThat(post.clientSecret()).isNotEqualTo(basic.clientSecret());
    }
}
