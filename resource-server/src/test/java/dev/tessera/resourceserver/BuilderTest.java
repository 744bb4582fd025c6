package dev.tessera.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A resource server is built only from a configuration that cannot accept too much. */
class BuilderTest {
    private static ResourceServer.Builder minimal() {
        return ResourceServer.builder().trustTessera("https://id.example", "acme").audience("api")
                .route("GET", "/t/{tenant}/x");
    }

    @Test
    @DisplayName("Issuers, audiences and routes are required")
    void requiredParts() {
        assertThat(minimal().build()).isNotNull();
        assertThatThrownBy(() -> ResourceServer.builder().audience("api").route("GET", "/t/{tenant}").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ResourceServer.builder().trustTessera("https://id.example", "acme").route("GET", "/t/{tenant}").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ResourceServer.builder().trustTessera("https://id.example", "acme").audience("api").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> minimal().trustTessera("https://id.example", "acme").build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("RFC 9068 §4: leeway is bounded to 60 s")
    void leewayBounded() {
        assertThat(minimal().leeway(Duration.ofSeconds(60)).build()).isNotNull();
        assertThatThrownBy(() -> minimal().leeway(Duration.ofSeconds(61))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> minimal().leeway(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RFC 8725 §3.1: only ES256, RS256 and EdDSA may be allowed")
    void algorithmsBounded() {
        assertThatThrownBy(() -> minimal().algorithms(JWSAlgorithm.HS256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> minimal().algorithms()).isInstanceOf(IllegalArgumentException.class);
        assertThat(minimal().algorithms(JWSAlgorithm.EdDSA).build()).isNotNull();
    }

    @Test
    @DisplayName("CONTRACT §2: a Tessera issuer is {publicUrl}/t/{tenant}, its keys at {issuer}/jwks")
    void tesseraIssuer() {
        TrustedIssuer i = TrustedIssuer.tessera("https://id.example/", "acme");
        assertThat(i.issuer()).isEqualTo("https://id.example/t/acme");
        assertThat(i.jwksUri()).isEqualTo(URI.create("https://id.example/t/acme/jwks"));
        assertThatThrownBy(() -> TrustedIssuer.tessera("https://id.example", "Acme")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedIssuer.tessera("ftp://id.example", "acme")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("RFC 6750 §3: the realm must fit in a quoted string")
    void realmChecked() {
        assertThatThrownBy(() -> minimal().realm("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> minimal().jwks(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
