package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
class Rfc7644Section3_12ErrorTest extends ScimSpecTest {

    @Test
    @DisplayName("RFC 7644 §3.12 / §2: no bearer token → 401 SCIM error with a Bearer challenge")
    void noToken_is401() {
        String t = tenant();
        Http.Response r = http.get(base(t) + "/Users").send();
        expectScimError(r, 401, null);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ");
        expectScimError(http.post(base(t) + "/Users").body(SCIM_JSON, user("x")).send(), 401, null);
        expectScimError(http.get(base(t) + "/Users").bearer("not-a-token").send(), 401, null);
        expectScimError(http.get(base(t) + "/ServiceProviderConfig").send(), 401, null);
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(0L);
    }

    @Test
    @DisplayName("RFC 7644 §3.12: a token without scope admin → 403; a token of another tenant → 401")
    void wrongToken() {
        String t = tenant();
        RegisteredClient reader = register("system", "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
        String readToken = clientCredentialsToken("system", reader, "scope", "read");
        Http.Response r = http.get(base(t) + "/Users").bearer(readToken).send();
        expectScimError(r, 403, null);
        assertThat(r.header("WWW-Authenticate")).contains("insufficient_scope");
        String tenantToken = clientCredentialsToken(t, serviceClient(t, "opaque"), "scope", "read");
        expectScimError(http.get(base(t) + "/Users").bearer(tenantToken).send(), 401, null);
    }

    @Test
    @DisplayName("RFC 7644 §3.12: unknown tenant, unknown user and unknown endpoint → 404")
    void notFound() {
        String t = tenant();
        expectScimError(get("no-such-tenant", "/Users"), 404, null);
        expectScimError(get("Bad_Tenant", "/Users"), 404, null);
        expectScimError(get(t, "/Users/00000000-0000-0000-0000-000000000000"), 404, null);
        expectScimError(get(t, "/Groups"), 404, null);
        expectScimError(get(t, "/Bulk"), 404, null);
    }

    @Test
    @DisplayName("RFC 7644 §3.12: an unsupported method → 405")
    void methodNotAllowed() {
        String t = tenant();
        String id = createId(t, user("m"));
        expectScimError(send("PATCH", t, "/Users", patch()), 405, null);
        expectScimError(scim("DELETE", t, "/Users").send(), 405, null);
        expectScimError(send("POST", t, "/Users/" + id, user("m")), 405, null);
        expectScimError(send("PUT", t, "/ServiceProviderConfig", "{}"), 405, null);
        expectScimError(scim("DELETE", t, "/Schemas").send(), 405, null);
        get(t, "/Users/" + id).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 7644 §3.12: a body that is not JSON → 400 invalidSyntax; nothing is stored")
    void badJson_isInvalidSyntax() {
        String t = tenant();
        expectScimError(send("POST", t, "/Users", "{\"schemas\":"), 400, "invalidSyntax");
        expectScimError(send("POST", t, "/Users", "not json"), 400, "invalidSyntax");
        expectScimError(send("POST", t, "/Users", "[]"), 400, "invalidSyntax");
        expectScimError(send("POST", t, "/Users", ""), 400, "invalidSyntax");
        expectScimError(send("POST", t, "/Users", user("a") + " trailing"), 400, "invalidSyntax");
        String id = createId(t, user("b"));
        expectScimError(send("PUT", t, "/Users/" + id, "{"), 400, "invalidSyntax");
        expectScimError(send("PATCH", t, "/Users/" + id, "{\"schemas\":[\"x\"]"), 400, "invalidSyntax");
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(1L);
    }

    @Test
    @DisplayName("RFC 7644 §3.12: an oversized body → 413 with a SCIM error")
    void hugeBody_is413() {
        String t = tenant();
        expectScimError(send("POST", t, "/Users", user("big", "\"title\":\"" + "x".repeat(300_000) + "\"")), 413, null);
        assertThat(get(t, "/Users").json().get("totalResults")).isEqualTo(0L);
    }
}
