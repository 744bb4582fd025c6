package dev.tessera.spec.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.tessera.spec.authorize.FlowSpecTest;
import dev.tessera.testing.Http;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7662 §2.1: "token" may be a refresh token; the hint only orders the search (§2.1: a token not found
 * under the hint is searched as the other types). A live refresh token is active for the client it was
 * issued to, and for nobody else; a rotated or revoked one is not active (issue 9 item 13: it always
 * answered {@code {"active":false}}).
 */
@Tag("rfc7662")
class Rfc7662Section2_1RefreshTokenIntrospectionTest extends FlowSpecTest {

    private Http.Response introspect(String t, RegisteredClient caller, String token, String hint) {
        Http.Request r = http.post("/t/" + t + "/introspect").basicAuth(caller.clientId(), caller.clientSecret());
        return (hint == null ? r.form("token", token) : r.form("token", token, "token_type_hint", hint)).send();
    }

    private Tokens signedIn(String t, RegisteredClient c) {
        return tokens(browser(), authRequest(t, c).set("scope", "openid profile offline_access"), "alice");
    }

    @ParameterizedTest(name = "token_type_hint={0}")
    @ValueSource(strings = {"", "refresh_token", "access_token", "unknown_type"})
    @DisplayName("RFC 7662 §2.1–2.2: a live refresh token, with any hint or none, is active for its client with client_id, sub, scope, exp, iat, iss")
    void liveRefreshToken_isActiveForItsClient(String hint) {
        String t = freshTenant("rt-intro");
        RegisteredClient c = confidentialClient(t);
        String alice = user(t, "alice").value();
        Tokens tokens = signedIn(t, c);
        long now = server.clock.instant().getEpochSecond();

        Map<String, Object> body = introspect(t, c, tokens.refreshToken(), hint.isEmpty() ? null : hint).expectStatus(200).json();
        assertThat(body).containsEntry("active", true).containsEntry("client_id", c.clientId()).containsEntry("sub", alice)
                .containsEntry("scope", "openid profile offline_access").containsEntry("iss", issuerOf(t)).containsEntry("tenant_id", t);
        assertThat(((Number) body.get("iat")).longValue()).isEqualTo(now);
        assertThat(((Number) body.get("exp")).longValue()).isGreaterThan(now);
        // the access token of the same response still introspects as the access token it is
        assertThat(introspect(t, c, tokens.accessToken(), hint.isEmpty() ? null : hint).expectStatus(200).json())
                .containsEntry("active", true).containsEntry("token_type", "Bearer");
    }

    @ParameterizedTest(name = "token_type_hint={0}")
    @ValueSource(strings = {"", "refresh_token"})
    @DisplayName("RFC 7662 §2.1: another client of the tenant, or a client of another tenant, gets {\"active\":false} for the refresh token")
    void otherClients_getInactive(String hint) {
        String t = freshTenant("rt-intro");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        Tokens tokens = signedIn(t, c);
        RegisteredClient other = serviceClient(t, "opaque");
        String elsewhere = freshTenant("rt-other");
        RegisteredClient foreign = serviceClient(elsewhere, "opaque");

        assertThat(introspect(t, other, tokens.refreshToken(), hint.isEmpty() ? null : hint).expectStatus(200).json())
                .isEqualTo(Map.of("active", false));
        assertThat(introspect(elsewhere, foreign, tokens.refreshToken(), hint.isEmpty() ? null : hint).expectStatus(200).json())
                .isEqualTo(Map.of("active", false));
        // and its own client still sees it active: the refusals changed nothing
        assertThat(introspect(t, c, tokens.refreshToken(), null).expectStatus(200).json()).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7662 §2.2 / RFC 9700 §4.14.2: a rotated refresh token is inactive; its successor is active")
    void rotatedRefreshToken_isInactive() {
        String t = freshTenant("rt-intro");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        String first = signedIn(t, c).refreshToken();
        String second = (String) refresh(t, c, first).expectStatus(200).json().get("refresh_token");

        assertThat(introspect(t, c, first, "refresh_token").expectStatus(200).json()).isEqualTo(Map.of("active", false));
        assertThat(introspect(t, c, second, "refresh_token").expectStatus(200).json()).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 7662 §2.2 / RFC 7009 §2.1: a revoked refresh token is inactive")
    void revokedRefreshToken_isInactive() {
        String t = freshTenant("rt-intro");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        String rt = signedIn(t, c).refreshToken();
        revoke(t, c, rt, "token_type_hint", "refresh_token").expectStatus(200);

        assertThat(introspect(t, c, rt, null).expectStatus(200).json()).isEqualTo(Map.of("active", false));
        assertThat(introspect(t, c, rt, "refresh_token").expectStatus(200).json()).isEqualTo(Map.of("active", false));
    }

    @Test
    @DisplayName("RFC 9701 §5: asked as a JWT, a live refresh token's token_introspection is active for its client")
    void refreshToken_asJwt() throws Exception {
        String t = freshTenant("rt-intro");
        RegisteredClient c = confidentialClient(t);
        user(t, "alice");
        String rt = signedIn(t, c).refreshToken();
        String body = http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), c.clientSecret())
                .header("Accept", "application/token-introspection+jwt").form("token", rt).send().expectStatus(200).body();
        SignedJWT jwt = verifiedJwt(t, body);
        assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("token_introspection"))
                .containsEntry("active", true).containsEntry("client_id", c.clientId());
    }
}
