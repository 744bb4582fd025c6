package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import dev.tessera.testing.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Malformed input at the browser and OIDC endpoints gets a 4xx (or the page the flow prescribes),
 * never a 5xx or a stack trace, and creates no session. Spec: CONTRACT §5; issue 3 "Done when".
 */
@Tag("contract")
class Contract5BrowserBadInputTest extends FlowSpecTest {
    private static final String[] NASTY = {"", "+", "%20", "%00", "%C3%28", "%FF%FE", "a%0D%0ASet-Cookie:%20x=1", "%3Cscript%3E",
            "x".repeat(9000), "%E2%80%AE", "..%2F..%2F", "%22%27%3E%3C", "null", "-1", "1e309", "%5B%5D", "%7B%7D"};

    private static void assertNot5xx(String what, int status, String body) {
        assertThat(status).as("%s → %s", what, body.length() > 300 ? body.substring(0, 300) : body).isBetween(200, 499);
        assertThat(body).as(what).doesNotContain("Exception").doesNotContain("at dev.tessera").doesNotContain("at io.javalin");
    }

    @Test
    @DisplayName("CONTRACT §5: every authorization parameter with hostile values → no 5xx, no Set-Cookie session")
    void authorize_hostileParameters() {
        String t = freshTenant("bad-in");
        RegisteredClient c = publicClient(t);
        List<String> names = List.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge",
                "code_challenge_method", "prompt", "max_age", "login_hint", "response_mode", "ui_locales", "resource", "request",
                "claims", "id_token_hint", "acr_values");
        for (String name : names) {
            for (String v : NASTY) {
                AuthRequest req = authRequest(t, c);
                String base = req.remove(name).path();
                Browser.Page page = browser().get(base + "&" + name + "=" + v);
                assertNot5xx(name + "=" + v, page.status(), page.body());
                assertThat(page.headers("Set-Cookie")).noneMatch(s -> s.startsWith("tessera_session="));
                assertThat(page.headers("Set-Cookie")).noneMatch(s -> s.contains("x=1"));
            }
        }
    }

    @Test
    @DisplayName("CONTRACT §5: hostile form bodies at /login, /consent and /logout → 4xx, no session")
    void forms_hostileBodies() {
        String t = freshTenant("bad-in");
        RegisteredClient c = publicClient(t);
        user(t, "alice");
        Browser b = browser();
        Browser.Form f = b.get(authRequest(t, c).path()).expectStatus(200).form();
        List<String> bodies = new ArrayList<>(List.of("", "&&&", "=x", "request", "request=&csrf=", "%", "a=%ZZ",
                "username=alice&username=bob&password=x", "request=" + "A".repeat(20000),
                "request=" + f.fields.get("request") + "&csrf=" + f.fields.get("csrf") + "&csrf=" + f.fields.get("csrf")
                        + "&username=alice&password=" + PASSWORD,
                "request=" + f.fields.get("request") + "&csrf=" + f.fields.get("csrf") + "&username=" + "u".repeat(5000)
                        + "&password=x",
                "request=" + f.fields.get("request") + "&csrf=" + f.fields.get("csrf") + "&username=alice&password=%C3%28",
                "x=" + "y".repeat(70000)));
        for (String path : List.of("/login", "/consent", "/logout", "/authorize")) {
            for (String body : bodies) {
                Browser.Page page = b.postRaw("/t/" + t + path, body);
                assertNot5xx(path + " " + (body.length() > 60 ? body.substring(0, 60) : body), page.status(), page.body());
                assertThat(b.cookie("tessera_session")).as("%s %s", path, body.length() > 60 ? body.substring(0, 60) : body)
                        .isNull();
            }
        }
    }

    @Test
    @DisplayName("CONTRACT §5: wrong content types and methods at the browser endpoints → 4xx")
    void wrongContentTypesAndMethods() {
        String t = freshTenant("bad-in");
        for (String path : List.of("/login", "/consent", "/logout", "/userinfo", "/authorize")) {
            Http.Response json = http.post("/t/" + t + path).json("{\"username\":\"alice\"}").send();
            assertNot5xx(path + " json", json.status(), json.body());
            Http.Response put = http.put("/t/" + t + path).form("a", "b").send();
            assertNot5xx(path + " PUT", put.status(), put.body());
            assertThat(put.status()).isEqualTo(405);
        }
        for (String path : List.of("/login", "/consent")) {
            Http.Response get = http.get("/t/" + t + path).send();
            assertNot5xx(path + " GET", get.status(), get.body());
        }
    }

    @Test
    @DisplayName("CONTRACT §5: hostile bearer values and logout hints → 4xx, never 5xx")
    void userinfoAndLogout_hostileTokens() {
        String t = freshTenant("bad-in");
        publicClient(t);
        for (String v : new String[] {"", "a", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "x".repeat(10000),
                "eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.e30.AAAA"}) {
            Http.Response r = http.get("/t/" + t + "/userinfo").header("Authorization", "Bearer " + v).send();
            assertNot5xx("userinfo " + v, r.status(), r.body());
            Browser.Page p = browser().get("/t/" + t + "/logout?id_token_hint=" + enc(v));
            assertNot5xx("logout hint " + v, p.status(), p.body());
        }
        for (String h : new String[] {"Bearer", "Bearer  x", "Basic abc", "bearer x y", "Bearer \u00e9"}) {
            Http.Response r = http.get("/t/" + t + "/userinfo").header("Authorization", h).send();
            assertNot5xx("userinfo header " + h, r.status(), r.body());
        }
    }

    @Test
    @DisplayName("CONTRACT §5: unknown tenants at the browser endpoints → 404, never 5xx")
    void unknownTenant_is404() {
        for (String path : List.of("/t/no-such-tenant/authorize?client_id=x", "/t/NOT_VALID/authorize", "/t/no-such-tenant/logout")) {
            Browser.Page page = browser().get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
        }
        Http.Response r = http.get("/t/no-such-tenant/userinfo").bearer("x").send();
        assertThat(r.status()).isIn(401, 404);
    }
}
