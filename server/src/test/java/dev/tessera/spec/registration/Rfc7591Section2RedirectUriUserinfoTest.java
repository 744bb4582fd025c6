package dev.tessera.spec.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.SpecTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7591 §2 with RFC 9700 §4.1.1 and RFC 3986 §7.5: a redirect URI (or post-logout redirect URI)
 * carrying userinfo ({@code https://user:pw@host/cb}, {@code https://trusted.example@evil.example/cb})
 * shows the user one host and sends them to another; it is refused at registration and at an update
 * made with the admin token, with {@code invalid_redirect_uri}, and nothing is stored.
 */
@Tag("rfc7591")
class Rfc7591Section2RedirectUriUserinfoTest extends SpecTest {
    private static final String T = "userinfo";

    @BeforeAll
    void tenant() {
        createTenant(T);
    }

    private static String web(String member, String uri) {
        String redirect = member.equals("redirect_uris") ? uri : "https://app.example/cb";
        String logout = member.equals("post_logout_redirect_uris") ? ",\"post_logout_redirect_uris\":[\"" + uri + "\"]" : "";
        return "\"grant_types\":[\"authorization_code\"],\"scope\":\"openid\",\"redirect_uris\":[\"" + redirect + "\"]" + logout;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://user:pw@app.example/cb", "https://user@app.example/cb", "https://app.example@evil.example/cb",
            "https://:@app.example/cb", "http://user@127.0.0.1/cb", "com.example.app://user@callback/cb"})
    @DisplayName("RFC 7591 §2: userinfo in redirect_uris or post_logout_redirect_uris → 400 invalid_redirect_uri, nothing stored")
    void userinfo_isRefused(String uri) {
        for (String member : List.of("redirect_uris", "post_logout_redirect_uris")) {
            http.post("/t/" + T + "/register").bearer(adminToken()).json("{" + web(member, uri) + "}").send()
                    .expectStatus(400).expectError("invalid_redirect_uri");

            RegisteredClient c = register(T, "{" + web("redirect_uris", "https://app.example/cb") + ",\"client_name\":\"Orig\"}");
            String admin = adminToken();
            Http.Response r = http.put("/t/" + T + "/register/" + c.clientId()).bearer(admin)
                    .json("{\"client_id\":\"" + c.clientId() + "\"," + web(member, uri) + ",\"client_name\":\"Changed\"}").send();
            r.expectStatus(400).expectError("invalid_redirect_uri");
            Map<String, Object> stored = http.get("/t/" + T + "/register/" + c.clientId()).bearer(admin).send().expectStatus(200).json();
            assertThat(stored).containsEntry("client_name", "Orig").containsEntry("redirect_uris", List.of("https://app.example/cb"))
                    .doesNotContainKey("post_logout_redirect_uris");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://app.example/cb?user=a@b", "https://app.example/a@b", "com.example.app:/cb"})
    @DisplayName("RFC 7591 §2: an @ in the path or query is no userinfo → registered")
    void atOutsideAuthority_isAccepted(String uri) {
        register(T, "{" + web("redirect_uris", uri) + "}");
    }
}
