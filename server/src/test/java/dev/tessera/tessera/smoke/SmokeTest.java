package dev.tessera.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.SpecTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmokeTest extends SpecTest {
    @Test
    @DisplayName("RFC 6749 §4.4 + RFC 7662 §2.2: a client credentials token introspects as active")
    void clientCredentialsThenIntrospect() {
        createTenant("smoke");
        RegisteredClient c = serviceClient("smoke", "opaque");
        String token = clientCredentialsToken("smoke", c, "scope", "read");
        var r = http.post("/t/smoke/introspect").basicAuth(c.clientId(), c.clientSecret()).form("token", token).send()
                .expectStatus(200);
        assertThat(r.json()).containsEntry("active", true).containsEntry("scope", "read").containsEntry("tenant_id", "smoke");
    }
}
