package dev.tessera.gateway;

import static dev.tessera.gateway.ForwardAuthService.originalMethod;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which method forward-auth judges (the cookie rule of CONTRACT §6.2 depends on it): the one the
 * gateway names, never weakened by a header a client added. Spec: CONTRACT §6.1, §6.2.
 */
@Tag("contract6")
class ForwardAuthContract6_1OriginalMethodTest {

    @Test
    @DisplayName("CONTRACT §6.1: without headers the call's own method (Envoy, NGINX)")
    void noHeaders_theCallsMethod() {
        assertThat(originalMethod("GET", null, null)).isEqualTo("GET");
        assertThat(originalMethod("DELETE", null, null)).isEqualTo("DELETE");
        assertThat(originalMethod("OPTIONS", " ", "")).isEqualTo("OPTIONS");
    }

    @Test
    @DisplayName("CONTRACT §6.1: X-Forwarded-Method (Traefik), else X-Original-Method, in any case")
    void headers_nameTheMethod() {
        assertThat(originalMethod("GET", "post", null)).isEqualTo("POST");
        assertThat(originalMethod("GET", null, "Patch")).isEqualTo("PATCH");
        assertThat(originalMethod("GET", "PUT", "DELETE")).isEqualTo("PUT");
        assertThat(originalMethod("GET", "HEAD", "OPTIONS")).isEqualTo("HEAD");
    }

    @Test
    @DisplayName("CONTRACT §6.2: a header naming a safe method cannot weaken a data-changing call or header")
    void noSignalWeakensAnother() {
        assertThat(originalMethod("POST", "GET", null)).isEqualTo("POST");
        assertThat(originalMethod("DELETE", null, "OPTIONS")).isEqualTo("DELETE");
        assertThat(originalMethod("GET", "GET", "POST")).isEqualTo("POST");
        assertThat(originalMethod("PUT", "PATCH", null)).isEqualTo("PATCH");
    }

    @Test
    @DisplayName("CONTRACT §6.1: a method outside the served ones, named anywhere, is what is judged (→ 405)")
    void anUnservedMethod_wins() {
        assertThat(originalMethod("GET", "TRACE", null)).isEqualTo("TRACE");
        assertThat(originalMethod("POST", "GET", "CONNECT")).isEqualTo("CONNECT");
        assertThat(originalMethod("GET", "G E T", null)).isEqualTo("G E T");
    }
}
