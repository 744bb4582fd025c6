package dev.tessera.spec.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The methods forward-auth serves: the call's own (Envoy, NGINX) or the one a gateway names in
 * X-Forwarded-Method (Traefik) or X-Original-Method (NGINX proxy_set_header). Spec: CONTRACT §6.1.
 */
@Tag("contract6")
class ForwardAuthContract6_1MethodTest extends ForwardAuthSpecTest {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    private String t;
    private String token;

    @BeforeAll
    void fixture() {
        t = freshTenant("fam");
        token = clientCredentialsToken(t, serviceClient(t, "opaque"));
    }

    private String path() {
        return "/t/" + t + "/forward-auth/api/orders";
    }

    @Test
    @DisplayName("CONTRACT §6.1: GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS calls → 200 with the JWT (Envoy sends the original method)")
    void everyListedMethod_isServed() {
        String expected = forwardedJwt(forwardAuth(t, token));
        for (String m : METHODS) {
            Http.Response r = http.method(m, path()).bearer(token).send();
            assertThat(r.status()).as("%s call", m).isEqualTo(200);
            assertThat(r.header("Authorization")).as("%s call", m).isEqualTo("Bearer " + expected);
        }
    }

    @Test
    @DisplayName("CONTRACT §6.1: the same methods named by X-Forwarded-Method or X-Original-Method (any case) on a GET call → 200")
    void everyListedMethod_namedByAHeader_isServed() {
        for (String m : METHODS) {
            for (String header : List.of("X-Forwarded-Method", "X-Original-Method")) {
                for (String value : List.of(m, m.toLowerCase(java.util.Locale.ROOT))) {
                    Http.Response r = http.get(path()).bearer(token).header(header, value).send();
                    assertThat(r.status()).as("%s: %s", header, value).isEqualTo(200);
                }
            }
        }
    }

    @Test
    @DisplayName("CONTRACT §6.1: TRACE and unknown method calls → 405 with Allow, whatever the token")
    void otherCallMethods_are405() {
        for (String m : List.of("TRACE", "PROPFIND", "FOO")) {
            Http.Response r = http.method(m, path()).bearer(token).send();
            assertThat(r.status()).as("%s call", m).isEqualTo(405);
            assertThat(r.header("Authorization")).isNull();
        }
        Http.Response r = http.method("FOO", "/t/" + t + "/forward-auth").bearer(token).send().expectStatus(405);
        assertThat(r.header("Allow").split(", ")).containsExactlyInAnyOrder(ALLOW.split(", "));
    }

    @Test
    @DisplayName("CONTRACT §6.1: X-Forwarded-Method or X-Original-Method naming another method (TRACE, CONNECT, garbage) → 405 with Allow")
    void otherOriginalMethods_are405() {
        for (String header : List.of("X-Forwarded-Method", "X-Original-Method")) {
            for (String value : List.of("TRACE", "CONNECT", "PROPFIND", "G E T", "GET, POST", "\u00e9")) {
                for (String call : List.of("GET", "POST")) {
                    Http.Response r = http.method(call, path()).bearer(token).header(header, value).send();
                    assertThat(r.status()).as("%s call, %s: %s", call, header, value).isEqualTo(405);
                    assertThat(r.header("Allow")).isEqualTo(ALLOW);
                    assertThat(r.header("Authorization")).isNull();
                    assertThat(r.string("error")).isEqualTo("invalid_request");
                }
            }
        }
    }

    @Test
    @DisplayName("CONTRACT §6.1: X-Forwarded-Method is the original method even when X-Original-Method is present")
    void xForwardedMethod_comesFirst() {
        http.get(path()).bearer(token).header("X-Forwarded-Method", "TRACE").header("X-Original-Method", "GET").send()
                .expectStatus(405);
        http.get(path()).bearer(token).header("X-Forwarded-Method", "GET").header("X-Original-Method", "POST").send()
                .expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §6.1: a 405 is checked before the token: TRACE without a token → 405, not 401")
    void methodIsCheckedFirst() {
        http.get(path()).header("X-Original-Method", "TRACE").send().expectStatus(405);
        http.method("TRACE", path()).send().expectStatus(405);
    }
}
