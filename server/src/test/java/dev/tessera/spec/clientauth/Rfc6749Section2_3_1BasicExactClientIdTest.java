package dev.tessera.spec.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.token.TokenSpecTest;
import dev.tessera.testing.Http;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 6749 §2.3.1: the Basic credentials are the form-urlencoded client id and secret, and they are
 * decoded exactly: a client id with a space added before the colon (or anywhere) names another client.
 */
@Tag("rfc6749")
class Rfc6749Section2_3_1BasicExactClientIdTest extends TokenSpecTest {
    private String t;
    private RegisteredClient c;

    @BeforeAll
    void setUp() {
        t = freshTenant("basic");
        c = register(t, "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}");
    }

    private Http.Response tokenWithUserPass(String userPass) {
        return http.post("/t/" + t + "/token")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)))
                .form("grant_type", "client_credentials").send();
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: the exact id and secret authenticate; a percent-encoded id decodes to the same id")
    void exactId_authenticates() {
        tokenWithUserPass(c.clientId() + ":" + c.clientSecret()).expectStatus(200);
        String encoded = "%" + Integer.toHexString(c.clientId().charAt(0)).toUpperCase() + c.clientId().substring(1);
        tokenWithUserPass(encoded + ":" + c.clientSecret()).expectStatus(200);
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: 'id :secret', ' id:secret', 'id+:secret', 'id%20:secret', 'id\\t:secret' → 401 invalid_client")
    void idWithWhitespace_doesNotAuthenticate() {
        for (String userPass : new String[] {c.clientId() + " :" + c.clientSecret(), " " + c.clientId() + ":" + c.clientSecret(),
                c.clientId() + "+:" + c.clientSecret(), c.clientId() + "%20:" + c.clientSecret(),
                c.clientId() + "\t:" + c.clientSecret()}) {
            Http.Response r = tokenWithUserPass(userPass).expectStatus(401).expectError("invalid_client");
            assertThat(r.header("WWW-Authenticate")).as(userPass).startsWith("Basic");
            assertThat(r.json()).doesNotContainKey("access_token");
        }
    }

    @Test
    @DisplayName("RFC 6749 §2.3.1: a secret with a space added (before or after) does not authenticate either")
    void secretWithWhitespace_doesNotAuthenticate() {
        tokenWithUserPass(c.clientId() + ": " + c.clientSecret()).expectStatus(401).expectError("invalid_client");
        tokenWithUserPass(c.clientId() + ":" + c.clientSecret() + " ").expectStatus(401).expectError("invalid_client");
    }
}
