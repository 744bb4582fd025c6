package dev.tessera.spec.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Revocation reaches forward-auth: at once on the node that revoked, within the tenant's staleness
 * bound on every other node, and never through the cached JWT. Spec: CONTRACT §6.1; RFC 7009 §2;
 * RFC 9700 §4.14.2; RFC 7592 §2.3.
 */
@Tag("contract6")
class ForwardAuthContract6_1RevocationTest extends ForwardAuthSpecTest {

    @Test
    @DisplayName("CONTRACT §6.1 + RFC 7009 §2: a token revoked on this node → 401 invalid_token at once, though its JWT was cached")
    void revokedHere_is401AtOnce() {
        String t = freshTenant("far");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        forwardAuth(t, token).expectStatus(200);
        forwardAuth(t, token).expectStatus(200);
        revoke(t, c, token).expectStatus(200);
        Http.Response r = forwardAuth(t, token).expectStatus(401).expectError("invalid_token");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"" + issuerOf(t) + "\", error=\"invalid_token\"");
        assertThat(r.header("Authorization")).isNull();
    }

    @Test
    @DisplayName("CONTRACT §6.1: a token revoked on another node → still 200 within revocationStalenessSeconds, 401 once it has passed")
    void revokedElsewhere_is401WithinTheBound() {
        String t = freshTenant("far", "\"revocationStalenessSeconds\":20");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        assertThat(maxAge(forwardAuth(t, token))).isEqualTo(20);
        revokeInStorage(t);                                  // what another node sharing the database does
        server.clock.advance(Duration.ofSeconds(12));
        Http.Response stale = forwardAuth(t, token).expectStatus(200);
        assertThat(maxAge(stale)).as("the gateway may cache it only for what is left of the bound").isEqualTo(8);
        server.clock.advance(Duration.ofSeconds(8));
        forwardAuth(t, token).expectStatus(401).expectError("invalid_token");
    }

    @Test
    @DisplayName("CONTRACT §6.1, §7: with revocationStalenessSeconds 0 a revocation on another node → 401 at once")
    void zeroStaleness_revokedElsewhere_is401AtOnce() {
        String t = freshTenant("far", "\"revocationStalenessSeconds\":0");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        forwardAuth(t, token).expectStatus(200);
        revokeInStorage(t);
        forwardAuth(t, token).expectStatus(401);
    }

    @Test
    @DisplayName("CONTRACT §6.1 + RFC 9700 §4.14.2: refresh token reuse revokes the family: its access token → 401 at once")
    void grantFamilyRevocation_is401AtOnce() {
        String t = freshTenant("far");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Tokens first = tokens(browser(), authRequest(t, c), "alice");
        Tokens second = new Tokens(refresh(t, c, first.refreshToken()).expectStatus(200).json());
        forwardAuth(t, first.accessToken()).expectStatus(200);
        forwardAuth(t, second.accessToken()).expectStatus(200);
        refresh(t, c, first.refreshToken()).expectStatus(400);      // reuse
        forwardAuth(t, first.accessToken()).expectStatus(401).expectError("invalid_token");
        forwardAuth(t, second.accessToken()).expectStatus(401).expectError("invalid_token");
    }

    @Test
    @DisplayName("CONTRACT §2 + RFC 7592 §2.3: the token of a deleted client → 401 invalid_token")
    void deletedClient_is401() {
        String t = freshTenant("far");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        forwardAuth(t, token).expectStatus(200);
        http.delete("/t/" + t + "/register/" + c.clientId()).bearer(c.registrationAccessToken()).send().expectStatus(204);
        forwardAuth(t, token).expectStatus(401).expectError("invalid_token");
    }

    @Test
    @DisplayName("CONTRACT §2, §3: after the tenant is deleted its forward-auth → 404; re-created, the old token → 401")
    void deletedTenant_is404_andItsTokensAreGone() {
        String t = freshTenant("far");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        forwardAuth(t, token).expectStatus(200);
        http.delete("/admin/v1/tenants/" + t).bearer(adminToken()).send().expectStatus(204);
        forwardAuth(t, token).expectStatus(404).expectError("not_found");
        createTenant(t);
        forwardAuth(t, token).expectStatus(401).expectError("invalid_token");
    }

    @Test
    @DisplayName("CONTRACT §6.1: the JWT form is for the APIs only: Tessera refuses it at forward-auth, introspection and userinfo, so revoking the opaque token is enough")
    void jwtForm_isNoCredentialAtTessera() {
        String t = freshTenant("far");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        String jwt = forwardedJwt(forwardAuth(t, token).expectStatus(200));
        forwardAuth(t, jwt).expectStatus(401).expectError("invalid_token");
        assertThat(introspection(t, c, jwt)).containsEntry("active", false);
        http.get("/t/" + t + "/userinfo").bearer(jwt).send().expectStatus(401);
        revoke(t, c, jwt).expectStatus(200);                       // RFC 7009 §2.2: not a token of ours: nothing happens
        assertThat(introspection(t, c, token)).containsEntry("active", true);
    }

    @Test
    @DisplayName("RFC 9449 §7.1, RFC 8705 §3: a sender-constrained token is refused at forward-auth (its proof cannot be checked there)")
    void senderConstrainedToken_is401() {
        String t = freshTenant("far");
        String token = clientCredentialsToken(t, serviceClient(t, "opaque"));
        try (Connection c = server.tessera.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE access_tokens SET cnf = ? WHERE tenant_id = ?")) {
            ps.setString(1, "{\"jkt\":\"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I\"}");
            ps.setString(2, t);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Http.Response r = forwardAuth(t, token).expectStatus(401).expectError("invalid_token");
        assertThat(r.header("Authorization")).isNull();
    }

    private void revokeInStorage(String tenant) {
        try (Connection c = server.tessera.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE access_tokens SET revoked_at = ? WHERE tenant_id = ?")) {
            ps.setLong(1, server.clock.millis());
            ps.setString(2, tenant);
            assertThat(ps.executeUpdate()).isPositive();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
