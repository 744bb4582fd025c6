package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.testing.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Forward-auth with the token handler's access-token cookie, over HTTP as a gateway calls it: the cookie
 * is accepted under the Origin and CSRF rules (the original method judged as CONTRACT §6.1 says) and
 * answered exactly as a bearer token: 200 with the JWT form, or 401 with an RFC 6750 challenge.
 * Spec: CONTRACT §6.2 (proxy side), §6.1.
 */
@Tag("contract6")
class TokenHandlerContract6_2ForwardAuthTest extends TokenHandlerSpecTest {

    private Http.Request forwardAuth(Setup s, Spa spa, String method) {
        List<String> pairs = new ArrayList<>();
        spa.jar.forEach((k, v) -> pairs.add(k + "=" + v));
        Http.Request r = http.get("/t/" + s.tenant() + "/forward-auth").header("Cookie", String.join("; ", pairs));
        if (method != null) r.header("X-Forwarded-Method", method);
        return r;
    }

    @Test
    @DisplayName("CONTRACT §6.2: a GET carrying the -at cookie → 200 with the JWT form of the session's access token")
    void cookie_isForwardedAsJwt() throws Exception {
        Setup s = setup("th-fa");
        Spa spa = loggedIn(s);
        String sub = (String) spa.get("/userinfo").expectStatus(200).json().get("sub");
        Http.Response r = forwardAuth(s, spa, "GET").send().expectStatus(200);
        String jwt = r.header("Authorization").substring("Bearer ".length());
        var claims = SignedJWT.parse(jwt).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(sub);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(s.client().clientId());
        assertThat(claims.getStringClaim("tenant_id")).isEqualTo(s.tenant());
        assertThat(r.header("Vary")).contains("Cookie").contains("Origin");
    }

    @Test
    @DisplayName("CONTRACT §6.2: an untrusted Origin, or a data-changing method without trusted Origin and CSRF header → 401 invalid_token")
    void rulesApply() {
        Setup s = setup("th-fa");
        Spa spa = loggedIn(s);
        Http.Response evil = forwardAuth(s, spa, "GET").header("Origin", "https://evil.example").send().expectStatus(401);
        assertThat(evil.header("WWW-Authenticate")).startsWith("Bearer realm=").contains("error=\"invalid_token\"");
        forwardAuth(s, spa, "POST").header("Origin", ORIGIN).send().expectStatus(401);
        forwardAuth(s, spa, "DELETE").header("x-th-csrf", spa.csrf).send().expectStatus(401);
        forwardAuth(s, spa, "PUT").header("Origin", ORIGIN).header("x-th-csrf", spa.csrf).send().expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §6.2 + RFC 9111 §4.1: a cookie answer for a data-changing method is never cacheable; for GET it is")
    void dataChangingCookieAnswers_areNotCacheable() {
        Setup s = setup("th-fa");
        Spa spa = loggedIn(s);
        Http.Response put = forwardAuth(s, spa, "PUT").header("Origin", ORIGIN).header("x-th-csrf", spa.csrf).send().expectStatus(200);
        assertThat(put.header("Cache-Control")).isEqualTo("no-store");
        Http.Response get = forwardAuth(s, spa, "GET").send().expectStatus(200);
        assertThat(get.header("Cache-Control")).startsWith("max-age=");
    }

    @Test
    @DisplayName("CONTRACT §6.2: after logout the old -at cookie → 401 (the token is revoked)")
    void afterLogout_refused() {
        Setup s = setup("th-fa");
        Spa spa = loggedIn(s);
        Spa copy = spa(s);
        copy.jar.putAll(spa.jar);
        spa.send("POST", "/logout", null, spa.csrf).expectStatus(200);
        forwardAuth(s, copy, "GET").send().expectStatus(401);
    }
}
