package dev.tessera.spec.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.SpecTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7592")
class Rfc7592Section2_3ClientDeletionTokensTest extends SpecTest {

    @Test
    @DisplayName("RFC 7592 §2.3: deleting a client invalidates the access tokens issued to it")
    void deletedClientsTokensAreInactive() {
        createTenant("deltok");
        RegisteredClient doomed = serviceClient("deltok", "opaque");
        RegisteredClient resourceServer = serviceClient("deltok", "opaque");
        String opaque = clientCredentialsToken("deltok", doomed);
        RegisteredClient jwtClient = serviceClient("deltok", "jwt");
        String jwt = clientCredentialsToken("deltok", jwtClient);
        assertThat(introspect(resourceServer, opaque)).isTrue();
        assertThat(introspect(resourceServer, jwt)).isTrue();

        http.delete("/t/deltok/register/" + doomed.clientId()).bearer(doomed.registrationAccessToken()).send().expectStatus(204);
        http.delete("/t/deltok/register/" + jwtClient.clientId()).bearer(jwtClient.registrationAccessToken()).send()
                .expectStatus(204);

        assertThat(introspect(resourceServer, opaque)).isFalse();
        assertThat(introspect(resourceServer, jwt)).isFalse();
    }

    private boolean introspect(RegisteredClient caller, String token) {
        return Boolean.TRUE.equals(http.post("/t/deltok/introspect").basicAuth(caller.clientId(), caller.clientSecret())
                .form("token", token).send().expectStatus(200).json().get("active"));
    }
}
