package dev.tessera.spec.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scopes a route requires, named by the {@code scope} query parameter of the auth URL. Spec: CONTRACT §6.1; RFC 6750 §3, §3.1. */
@Tag("contract6")
@Tag("rfc6750")
class ForwardAuthContract6_1ScopeTest extends ForwardAuthSpecTest {
    private String t;
    private String realm;
    private String readToken;
    private String readWriteJwt;

    @BeforeAll
    void fixture() {
        t = freshTenant("fas");
        realm = "Bearer realm=\"" + issuerOf(t) + "\"";
        readToken = clientCredentialsToken(t, serviceClient(t, "opaque"), "scope", "read");
        readWriteJwt = clientCredentialsToken(t, serviceClient(t, "jwt"), "scope", "read write");
    }

    private Http.Response call(String query, String token) {
        return http.get("/t/" + t + "/forward-auth" + query).bearer(token).send();
    }

    @Test
    @DisplayName("CONTRACT §6.1: scopes the token holds (one, several, repeated, + or %20 separated, empty) → 200")
    void heldScopes_pass() {
        for (String q : new String[] {"?scope=read", "?scope=read+read", "?scope=", "?scope", "?x=1&scope=read&y=2"}) {
            call(q, readToken).expectStatus(200);
        }
        for (String q : new String[] {"?scope=read+write", "?scope=write%20read", "/api/x?scope=write"}) {
            call(q, readWriteJwt).expectStatus(200);
        }
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a required scope the token lacks → 403 error=\"insufficient_scope\", scope=\"<required>\"")
    void missingScope_is403WithTheRequiredScope() {
        Http.Response r = call("?scope=write", readToken).expectStatus(403).expectError("insufficient_scope");
        assertThat(r.header("WWW-Authenticate")).isEqualTo(realm + ", error=\"insufficient_scope\", scope=\"write\"");
        assertThat(r.header("Authorization")).isNull();
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        r = call("?scope=read%20write", readToken).expectStatus(403);
        assertThat(r.header("WWW-Authenticate")).isEqualTo(realm + ", error=\"insufficient_scope\", scope=\"read write\"");
        r = call("/orders/1?scope=read+write+admin", readWriteJwt).expectStatus(403);
        assertThat(r.header("WWW-Authenticate")).isEqualTo(realm + ", error=\"insufficient_scope\", scope=\"read write admin\"");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: an invalid token with a scope requirement → 401 invalid_token, not 403")
    void invalidToken_isCheckedBeforeScope() {
        call("?scope=write", "A".repeat(43)).expectStatus(401).expectError("invalid_token");
        Http.Response r = http.get("/t/" + t + "/forward-auth?scope=write").send().expectStatus(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo(realm);
    }

    @Test
    @DisplayName("CONTRACT §5: a malformed scope parameter (repeated, quote, backslash, non-ASCII, bad UTF-8) → 400 invalid_request")
    void malformedScope_is400() {
        for (String q : new String[] {"?scope=read&scope=write", "?scope=%22read%22", "?scope=a%5Cb", "?scope=%C3%A9", "?scope=%FF"}) {
            Http.Response r = call(q, readToken);
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.string("error")).isEqualTo("invalid_request");
        }
    }
}
