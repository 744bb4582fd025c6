package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation of the token handler: two tenants with the same app id, cookie prefix and origin share
 * nothing: neither cookies, nor logins, nor admin views, nor key rotations, nor deletions.
 * Spec: CONTRACT §2 (tenants are isolated), §6.2.
 */
@Tag("contract6")
class TokenHandlerContract6_2TenantIsolationTest extends TokenHandlerSpecTest {

    @Test
    @DisplayName("CONTRACT §2: one tenant's session cookies open nothing at the same-named app of another tenant")
    void sessionCookies_doNotCrossTenants() {
        Setup a = setup("th-iso");
        Setup b = setup("th-iso");
        Spa inA = loggedIn(a);
        Spa atB = spa(b);
        atB.jar.putAll(inA.jar);
        atB.csrf = inA.csrf;
        atB.get("/userinfo").expectError(401, "unauthorized_request");
        atB.get("/claims").expectError(401, "unauthorized_request");
        atB.send("POST", "/refresh", null, inA.csrf).expectError(401, "unauthorized_request");
        atB.send("POST", "/logout", null, inA.csrf).expectError(401, "unauthorized_request");
        assertThat(loginEnd(atB, ORIGIN + "/").expectStatus(200).json()).containsEntry("isLoggedIn", false);
        assertThat(atB.jar).as("the foreign session cookies are cleared").isEmpty();
        inA.get("/userinfo").expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §2: a login started at one tenant cannot end at another tenant's agent")
    void login_doesNotCrossTenants() {
        Setup a = setup("th-iso");
        Setup b = setup("th-iso");
        Spa spa = spa(a);
        String pageUrl = authorizeAndSignIn(browser(), loginStart(spa), "alice");
        Spa atB = spa(b);
        atB.jar.putAll(spa.jar);
        loginEnd(atB, pageUrl).expectError(401, "unauthorized_request");
        loginEnd(spa, pageUrl).expectStatus(200);
    }

    @Test
    @DisplayName("CONTRACT §2: admin views, rotations and deletions of one tenant's app leave the other's untouched")
    void admin_doesNotCrossTenants() {
        Setup a = setup("th-iso");
        Setup b = setup("th-iso");
        Spa inB = loggedIn(b);
        assertThat(http.get("/admin/v1/tenants/" + a.tenant() + "/token-handlers/" + APP).bearer(adminToken()).send()
                .expectStatus(200).json()).containsEntry("clientId", a.client().clientId());
        http.post("/admin/v1/tenants/" + a.tenant() + "/token-handlers/" + APP + "/keys/rotate").bearer(adminToken()).send()
                .expectStatus(204);
        http.delete("/admin/v1/tenants/" + a.tenant() + "/token-handlers/" + APP).bearer(adminToken()).send().expectStatus(204);
        inB.get("/userinfo").expectStatus(200);
        inB.send("POST", "/refresh", null, inB.csrf).expectStatus(204);
        assertThat(http.get("/admin/v1/tenants/" + b.tenant() + "/token-handlers/" + APP).bearer(adminToken()).send()
                .expectStatus(200).json()).containsEntry("clientId", b.client().clientId());
        spa(a).send("POST", "/login/start", null, null).expectError(404, "not_found");
    }
}
