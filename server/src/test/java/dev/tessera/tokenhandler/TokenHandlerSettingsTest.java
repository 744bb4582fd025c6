package dev.tessera.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.protocol.OAuthException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Round trips and origin rules of the admin body of a token-handler app. Spec: CONTRACT §6.2, §7. */
class TokenHandlerSettingsTest {

    private static Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", "spa");
        m.put("webOrigins", List.of("https://app.example", "http://localhost:5173", "http://[::1]:8080"));
        m.put("cookiePrefix", "th");
        m.put("cookieDomain", "example");
        m.put("cookiePath", "/t/");
        m.put("redirectUri", "https://app.example/cb?x=1");
        m.put("scope", "openid profile");
        return m;
    }

    @Test
    @DisplayName("CONTRACT §7: fromJson(toJson(s)) equals s; the JSON is camelCase with every member")
    void roundTrip() {
        TokenHandlerSettings s = TokenHandlerSettings.fromJson(body());
        assertThat(s.toJson()).isEqualTo(body());
        assertThat(TokenHandlerSettings.fromJson(s.toJson())).isEqualTo(s);
        assertThat(s.secureCookies()).isTrue();
        assertThat(s.trusts("https://app.example")).isTrue();
        assertThat(s.trusts("https://app.example/")).isFalse();
        assertThat(s.trusts(null)).isFalse();
    }

    @Test
    @DisplayName("CONTRACT §6.2: defaults: scope absent (the client's, resolved at registration), cookiePath /, no domain; an http loopback app gets no Secure")
    void defaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", "spa");
        m.put("webOrigins", List.of("http://127.0.0.1:5173"));
        m.put("cookiePrefix", "th");
        m.put("redirectUri", "http://127.0.0.1:5173/");
        TokenHandlerSettings s = TokenHandlerSettings.fromJson(m);
        assertThat(s.scope().isEmpty()).isTrue();
        assertThat(s.cookies().path()).isEqualTo("/");
        assertThat(s.cookies().domain()).isNull();
        assertThat(s.secureCookies()).isFalse();
        assertThat(s.cookies().csrfHeader()).isEqualTo("x-th-csrf");
        assertThat(s.cookies().name(CookieKind.REFRESH_TOKEN)).isEqualTo("th-auth");
    }

    @Test
    @DisplayName("CONTRACT §6.2: origins exactly as browsers send them (RFC 6454 §6.2), https or loopback http")
    void origins() {
        for (String ok : List.of("https://a.example", "https://a.example:8443", "http://localhost", "http://127.0.0.1:1")) {
            assertThat(TokenHandlerSettings.origin(ok)).isEqualTo(ok);
        }
        for (String bad : List.of("https://a.example/", "https://a.example:443", "http://a.example:80", "https://A.example",
                "http://a.example", "https://user@a.example", "https://a.example?x", "https://a.example#x", "ftp://a.example",
                "a.example", "https://", "https://a.example/path")) {
            assertThatThrownBy(() -> TokenHandlerSettings.origin(bad)).as(bad).isInstanceOf(OAuthException.class);
        }
    }
}
