package dev.tessera.spec.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §1.1 and issue 2 item 11: audit events for issuance, introspection, revocation and failed
 * client authentication, with client id and correlation id, and never a token or secret value.
 */
@Tag("audit")
class Contract1_1TokenAuditEventsTest extends TokenSpecTest {

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String tenant) {
        Http.Response r = http.get("/admin/v1/tenants/" + tenant + "/audit-events?limit=1000").bearer(adminToken())
                .send().expectStatus(200);
        return (List<Map<String, Object>>) r.json().get("events");
    }

    private static List<Map<String, Object>> ofType(List<Map<String, Object>> events, String type) {
        return events.stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    @Test
    @DisplayName("Issue 2 §11: issuing a token records token.issued with clientId, correlationId and no token value")
    void issuance_isAudited() {
        String t = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret())
                .header("X-Request-Id", "test-123").form("grant_type", "client_credentials", "scope", "read").send()
                .expectStatus(200).expectHeader("X-Request-Id", "test-123");
        String token = r.string("access_token");
        List<Map<String, Object>> issued = ofType(events(t), "token.issued");
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0)).containsEntry("clientId", c.clientId()).containsEntry("correlationId", "test-123")
                .containsEntry("outcome", "success").containsEntry("tenant", t);
        assertThat(issued.get(0).toString()).doesNotContain(token).doesNotContain(c.clientSecret());
    }

    @Test
    @DisplayName("Issue 2 §11: a JWT issuance is audited with the jti, never the JWT itself")
    void jwtIssuance_isAuditedWithoutToken() throws Exception {
        String t = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(t, "jwt");
        String token = clientCredentialsToken(t, c);
        String jti = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        List<Map<String, Object>> issued = ofType(events(t), "token.issued");
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).toString()).contains(jti).doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    @Test
    @DisplayName("Issue 2 §11: introspection records token.introspected with the caller's clientId and correlationId")
    void introspection_isAudited() {
        String t = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), c.clientSecret()).header("X-Request-Id", "test-123")
                .form("token", token).send().expectStatus(200).expectHeader("X-Request-Id", "test-123");
        List<Map<String, Object>> seen = ofType(events(t), "token.introspected");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsEntry("clientId", c.clientId()).containsEntry("correlationId", "test-123");
        assertThat(seen.get(0).toString()).doesNotContain(token).doesNotContain(c.clientSecret());
    }

    @Test
    @DisplayName("Issue 2 §11: revocation records token.revoked with clientId and correlationId")
    void revocation_isAudited() {
        String t = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), c.clientSecret()).header("X-Request-Id", "test-123")
                .form("token", token).send().expectStatus(200).expectHeader("X-Request-Id", "test-123");
        List<Map<String, Object>> revoked = ofType(events(t), "token.revoked");
        assertThat(revoked).hasSize(1);
        assertThat(revoked.get(0)).containsEntry("clientId", c.clientId()).containsEntry("correlationId", "test-123");
        assertThat(revoked.get(0).toString()).doesNotContain(token).doesNotContain(c.clientSecret());
    }

    @Test
    @DisplayName("Issue 2 §11: a failed client authentication at the token endpoint records client.authentication_failed")
    void failedAuthenticationAtToken_isAudited() {
        String t = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(t, "opaque");
        String wrong = "wrong-secret-" + c.clientSecret().substring(0, 10);
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), wrong).header("X-Request-Id", "test-123")
                .form("grant_type", "client_credentials").send().expectStatus(401).expectHeader("X-Request-Id", "test-123");
        List<Map<String, Object>> failed = ofType(events(t), "client.authentication_failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0)).containsEntry("clientId", c.clientId()).containsEntry("correlationId", "test-123")
                .containsEntry("outcome", "failure");
        assertThat(failed.get(0).toString()).doesNotContain(wrong).doesNotContain(c.clientSecret());
    }

    @Test
    @DisplayName("Issue 2 §11: failed client authentication at introspection and revocation is audited too")
    void failedAuthenticationAtIntrospectionAndRevocation_isAudited() {
        String t = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        http.post("/t/" + t + "/introspect").basicAuth(c.clientId(), "bad-1").form("token", token).send().expectStatus(401);
        http.post("/t/" + t + "/revoke").basicAuth(c.clientId(), "bad-2").form("token", token).send().expectStatus(401);
        List<Map<String, Object>> all = events(t);
        List<Map<String, Object>> failed = ofType(all, "client.authentication_failed");
        assertThat(failed).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("clientId", c.clientId()));
        assertThat(all.toString()).doesNotContain(token).doesNotContain("bad-1").doesNotContain("bad-2");
    }

    @Test
    @DisplayName("Issue 2 §11: a failed private_key_jwt authentication is audited without the assertion")
    void failedAssertion_isAuditedWithoutAssertion() {
        String t = freshTenant("aud-ev");
        String assertion = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4Iiwic3ViIjoieCJ9.c2lnbmF0dXJlLXZhbHVlLXNlY3JldA";
        http.post("/t/" + t + "/token").form("grant_type", "client_credentials",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion).send().expectStatus(401);
        List<Map<String, Object>> all = events(t);
        assertThat(ofType(all, "client.authentication_failed")).hasSize(1);
        assertThat(all.toString()).doesNotContain(assertion).doesNotContain("c2lnbmF0dXJlLXZhbHVlLXNlY3JldA");
    }

    @Test
    @DisplayName("Issue 2 §11: a full token lifecycle leaves issued, introspected, revoked events and no secret anywhere")
    void lifecycle_leavesNoSecrets() {
        String t = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(t, "opaque");
        String token = clientCredentialsToken(t, c);
        introspection(t, c, token);
        revoke(t, c, token).expectStatus(200);
        http.post("/t/" + t + "/token").basicAuth(c.clientId(), token).form("grant_type", "client_credentials").send()
                .expectStatus(401);   // the token misused as a secret must not leak into the failure event
        List<Map<String, Object>> all = events(t);
        assertThat(all).extracting(e -> e.get("type")).contains("token.issued", "token.introspected", "token.revoked",
                "client.authentication_failed");
        String dump = all.toString();
        assertThat(dump).doesNotContain(token).doesNotContain(c.clientSecret()).doesNotContain(c.registrationAccessToken());
    }

    @Test
    @DisplayName("CONTRACT §1.1: without X-Request-Id a correlation id is generated, echoed and recorded")
    void correlationId_isGeneratedWhenAbsent() {
        String t = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(t, "opaque");
        Http.Response r = http.post("/t/" + t + "/token").basicAuth(c.clientId(), c.clientSecret())
                .form("grant_type", "client_credentials").send().expectStatus(200);
        String generated = r.header("X-Request-Id");
        assertThat(generated).isNotBlank();
        assertThat(ofType(events(t), "token.issued")).singleElement().satisfies(e ->
                assertThat(e).containsEntry("correlationId", generated));
    }

    @Test
    @DisplayName("Issue 2 §11: events of one tenant are not listed under another")
    void events_areTenantScoped() {
        String a = freshTenant("aud-ev");
        String b = freshTenant("aud-ev");
        RegisteredClient c = serviceClient(a, "opaque");
        clientCredentialsToken(a, c);
        assertThat(ofType(events(a), "token.issued")).hasSize(1);
        assertThat(ofType(events(b), "token.issued")).isEmpty();
    }
}
