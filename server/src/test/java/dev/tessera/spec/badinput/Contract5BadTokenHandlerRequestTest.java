package dev.tessera.spec.badinput;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@Tag("contract6")
@DisplayName("CONTRACT §5 + §6.2: malformed token-handler requests (agent and admin) get a 4xx and change nothing")
class Contract5BadTokenHandlerRequestTest extends BadInputBattery {
    private static final String ORIGIN = "https://app.example";
    private static final String REDIRECT = ORIGIN + "/cb";
    private static final String AGENT = "/t/" + T + "/token-handler/web";
    private static final String APPS = "/admin/v1/tenants/" + T + "/token-handlers/";
    private String clientId;
    private String clientWithoutOpenid;

    @Override
    void prepare() {
        clientId = register(T, "{\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"redirect_uris\":[\"" + REDIRECT
                + "\"],\"scope\":\"openid profile\"}").clientId();
        clientWithoutOpenid = register(T, "{\"grant_types\":[\"authorization_code\"],\"redirect_uris\":[\"" + REDIRECT
                + "\"],\"scope\":\"orders:read\"}").clientId();
        http.put(APPS + "web").bearer(admin).json(app("th")).send().expectStatus(201);
        http.put(APPS + "other").bearer(admin).json(app("oth")).send().expectStatus(201);
    }

    private String app(String prefix) {
        return "{\"clientId\":\"" + clientId + "\",\"webOrigins\":[\"" + ORIGIN + "\"],\"cookiePrefix\":\"" + prefix
                + "\",\"redirectUri\":\"" + REDIRECT + "\"}";
    }

    @Override
    void cases(Cases c) {
        origins(c);
        bodies(c);
        cookies(c);
        routes(c);
        admin(c);
    }

    private RawHttp.Request agentPost(String path) {
        return post(AGENT + path).header("Origin", ORIGIN);
    }

    private void origins(Cases c) {
        c.agent("login/start without Origin → 401", 401, "unauthorized_request", () -> post(AGENT + "/login/start"));
        c.agent("login/start from an untrusted Origin → 401", 401, "unauthorized_request",
                () -> post(AGENT + "/login/start").header("Origin", "https://evil.example"));
        c.agent("login/start from Origin null → 401", 401, "unauthorized_request",
                () -> post(AGENT + "/login/start").header("Origin", "null"));
        c.agent("login/start from the origin with a trailing slash → 401", 401, "unauthorized_request",
                () -> post(AGENT + "/login/start").header("Origin", ORIGIN + "/"));
        c.agent("login/start from an Origin of 10 KB → 401", 401, "unauthorized_request",
                () -> post(AGENT + "/login/start").header("Origin", "https://" + "a".repeat(10_000)));
        c.agent("userinfo from an untrusted Origin → 401", 401, "unauthorized_request",
                () -> get(AGENT + "/userinfo").header("Origin", "https://evil.example"));
        c.agent("refresh without a CSRF header → 401", 401, "unauthorized_request", () -> agentPost("/refresh"));
        c.agent("refresh with a 10 KB CSRF header and no cookie → 401", 401, "unauthorized_request",
                () -> agentPost("/refresh").header("x-th-csrf", "x".repeat(10_000)));
        c.agent("logout with a CSRF header and a garbage CSRF cookie → 401", 401, "unauthorized_request",
                () -> agentPost("/logout").header("x-th-csrf", "abc").header("Cookie", "th-csrf=abc"));
        c.agent("preflight from an untrusted Origin → 401", 401, "unauthorized_request",
                () -> method("OPTIONS", AGENT + "/refresh").header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "POST"));
        c.agent("preflight without Origin → 401", 401, "unauthorized_request", () -> method("OPTIONS", AGENT + "/refresh"));
    }

    private void bodies(Cases c) {
        c.agent("login/start with garbage JSON → 400", 400, "invalid_request", () -> agentPost("/login/start").json("{{{"));
        c.agent("login/start with a JSON array → 400", 400, "invalid_request", () -> agentPost("/login/start").json("[]"));
        c.agent("login/start with JSON null → 400", 400, "invalid_request", () -> agentPost("/login/start").json("null"));
        c.agent("login/start with a text/plain body → 415", 415, "unsupported_media_type",
                () -> agentPost("/login/start").body("text/plain", "{}"));
        c.agent("login/start with a form body → 415", 415, "unsupported_media_type",
                () -> agentPost("/login/start").form("extraParams=x"));
        c.agent("login/start with an unknown member → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"returnTo\":\"https://evil.example\"}"));
        c.agent("login/start with extraParams as an object → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"extraParams\":{\"key\":\"prompt\",\"value\":\"login\"}}"));
        c.agent("login/start with an extra param without value → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"extraParams\":[{\"key\":\"prompt\"}]}"));
        c.agent("login/start with a numeric extra param value → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"extraParams\":[{\"key\":\"max_age\",\"value\":0}]}"));
        c.agent("login/start overriding client_id → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"extraParams\":[{\"key\":\"client_id\",\"value\":\"x\"}]}"));
        c.agent("login/start with a repeated extra param → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"extraParams\":[{\"key\":\"prompt\",\"value\":\"a\"},"
                        + "{\"key\":\"prompt\",\"value\":\"b\"}]}"));
        c.agent("login/start with an extra param key holding '&' → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"extraParams\":[{\"key\":\"a&b\",\"value\":\"x\"}]}"));
        c.agent("login/start with 21 extra params → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"extraParams\":[" + "{\"key\":\"k\",\"value\":\"v\"},".repeat(20)
                        + "{\"key\":\"k\",\"value\":\"v\"}]}"));
        c.agent("login/start with a body of 300 KB → 413", 413, "payload_too_large",
                () -> agentPost("/login/start").json("{\"x\":\"" + "a".repeat(300_000) + "\"}"));
        c.agent("login/start with JSON nested 100,000 deep → 400", 400, "invalid_request",
                () -> agentPost("/login/start").json("{\"extraParams\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        c.agent("login/start with invalid UTF-8 → 400", 400, "invalid_request", () -> agentPost("/login/start")
                .body("application/json", new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        c.agent("login/end with pageUrl as a number → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":42}"));
        c.agent("login/end with a relative pageUrl → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":\"/cb?code=a&state=b\"}"));
        c.agent("login/end with an unparsable pageUrl → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":\"https://app.example/cb?code=a b\"}"));
        c.agent("login/end with broken percent-encoding in pageUrl → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":\"https://app.example/cb?code=%zz&state=b\"}"));
        c.agent("login/end with a repeated code in pageUrl → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":\"" + REDIRECT + "?code=a&code=b&state=s\"}"));
        c.agent("login/end with a pageUrl of 9 KB → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":\"" + REDIRECT + "?x=" + "a".repeat(9000) + "\"}"));
        c.agent("login/end with duplicate pageUrl members → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":\"" + ORIGIN + "/\",\"pageUrl\":\"" + REDIRECT + "\"}"));
        c.agent("login/end with code and state but no login cookie → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":\"" + REDIRECT + "?code=abc&state=def\"}"));
        c.agent("login/end with a NUL in pageUrl → 400", 400, "invalid_request",
                () -> agentPost("/login/end").json("{\"pageUrl\":\"" + REDIRECT + "?code=a%00&state=b\"}"));
    }

    private void cookies(Cases c) {
        String loginEnd = "{\"pageUrl\":\"" + REDIRECT + "?code=abc&state=def\"}";
        c.agent("login/end with a garbage login cookie → 401", 401, "unauthorized_request",
                () -> agentPost("/login/end").header("Cookie", "th-login=garbage").json(loginEnd));
        c.agent("login/end with a base64url login cookie of the right shape but wrong bytes → 401", 401, "unauthorized_request",
                () -> agentPost("/login/end").header("Cookie", "th-login=AQ" + "A".repeat(120)).json(loginEnd));
        c.prescribed("login/end page load with garbage session cookies → 200, not logged in (CONTRACT §6.2)", 200,
                "application/json", () -> agentPost("/login/end").header("Cookie", "th-csrf=x; th-at=y")
                        .json("{\"pageUrl\":\"" + ORIGIN + "/\"}"));
        c.agent("userinfo with a garbage access-token cookie → 401", 401, "unauthorized_request",
                () -> get(AGENT + "/userinfo").header("Cookie", "th-at=garbage"));
        c.agent("userinfo with a 7 KB access-token cookie → 401", 401, "unauthorized_request",
                () -> get(AGENT + "/userinfo").header("Cookie", "th-at=" + "A".repeat(7000)));
        c.agent("userinfo with a quoted access-token cookie → 401", 401, "unauthorized_request",
                () -> get(AGENT + "/userinfo").header("Cookie", "th-at=\"AQAAAA\""));
        c.agent("userinfo with a percent-encoded access-token cookie → 401", 401, "unauthorized_request",
                () -> get(AGENT + "/userinfo").header("Cookie", "th-at=%00%ff%2F"));
        c.agent("userinfo with an access-token cookie of base64 (not base64url) → 401", 401, "unauthorized_request",
                () -> get(AGENT + "/userinfo").header("Cookie", "th-at=AQ+/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="));
        c.agent("userinfo with non-UTF-8 bytes in the Cookie header → 401", 401, null,
                () -> get(AGENT + "/userinfo").headerLine(concat("Cookie: th-at=", 0xC3, 0x28)));
        c.agent("userinfo without cookies → 401 session_expired", 401, "session_expired", () -> get(AGENT + "/userinfo"));
        c.agent("claims with a garbage ID-token cookie → 401", 401, "unauthorized_request",
                () -> get(AGENT + "/claims").header("Cookie", "th-id=eyJhbGciOiJub25lIn0.e30."));
        c.agent("claims with another app's cookie name → 401 session_expired", 401, "session_expired",
                () -> get(AGENT + "/claims").header("Cookie", "oth-id=AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        c.agent("refresh with 200 cookies → 401", 401, "unauthorized_request",
                () -> agentPost("/refresh").header("Cookie", "c=1; ".repeat(200) + "th-csrf=x").header("x-th-csrf", "x"));
    }

    private void routes(Cases c) {
        c.agent("GET login/start → 405", 405, "method_not_allowed", () -> get(AGENT + "/login/start"));
        c.agent("PUT refresh → 405", 405, "method_not_allowed", () -> put(AGENT + "/refresh").header("Origin", ORIGIN));
        c.agent("DELETE logout → 405", 405, "method_not_allowed", () -> delete(AGENT + "/logout"));
        c.agent("POST userinfo → 405", 405, "method_not_allowed", () -> agentPost("/userinfo"));
        c.agent("an unknown agent path → 404", 404, "not_found", () -> get(AGENT + "/session"));
        c.agent("preflight of an unknown path → 404", 404, "not_found",
                () -> method("OPTIONS", AGENT + "/session").header("Origin", ORIGIN));
        c.agent("an unknown app → 404", 404, "not_found", () -> post("/t/" + T + "/token-handler/nope/login/start")
                .header("Origin", ORIGIN));
        c.agent("an invalid app id → 404", 404, "not_found", () -> post("/t/" + T + "/token-handler/UP_PER/login/start")
                .header("Origin", ORIGIN));
        c.agent("an app id of 300 characters → 404", 404, "not_found",
                () -> get("/t/" + T + "/token-handler/" + "a".repeat(300) + "/claims"));
        c.agent("an unknown tenant → 404", 404, "not_found", () -> post("/t/nope/token-handler/web/login/start")
                .header("Origin", ORIGIN));
        c.agent("an invalid tenant id → 404", 404, "not_found", () -> get("/t/UP_PER/token-handler/web/userinfo"));
    }

    private void admin(Cases c) {
        String valid = app("fresh");
        c.problem("PUT app without a token → 401", 401, () -> put(APPS + "fresh").json(valid));
        c.problem("PUT app with a garbage token → 401", 401, () -> put(APPS + "fresh").bearer("garbage").json(valid));
        c.problem("PUT app with another tenant's access token → 401", 401, () -> put(APPS + "fresh").bearer(opaqueToken).json(valid));
        c.problem("PUT app with garbage JSON → 400", 400, () -> put(APPS + "fresh").bearer(admin).json("{]"));
        c.problem("PUT app with a form body → 415", 415, () -> put(APPS + "fresh").bearer(admin).form("clientId=x"));
        c.problem("PUT app with Content-Encoding gzip → 415", 415,
                () -> put(APPS + "fresh").bearer(admin).header("Content-Encoding", "gzip").json(valid));
        c.problem("PUT app with an unknown member → 400", 400,
                () -> put(APPS + "fresh").bearer(admin).json(valid.replace("}", ",\"clientSecret\":\"x\"}")));
        c.problem("PUT app with a path in an origin → 400", 400,
                () -> put(APPS + "fresh").bearer(admin).json(valid.replace("\"" + ORIGIN + "\"", "\"" + ORIGIN + "/app\"")));
        c.problem("PUT app with a javascript: redirect URI → 400", 400,
                () -> put(APPS + "fresh").bearer(admin).json(valid.replace(REDIRECT, "javascript:alert(1)")));
        c.problem("PUT app with a cookie prefix holding '=' → 400", 400,
                () -> put(APPS + "fresh").bearer(admin).json(valid.replace("\"fresh\"", "\"a=b\"")));
        c.problem("PUT app with a cookie path holding CR LF → 400", 400,
                () -> put(APPS + "fresh").bearer(admin).json(valid.replace("}", ",\"cookiePath\":\"/\\r\\nSet-Cookie: x=y\"}")));
        c.problem("PUT app for an unknown client → 400", 400,
                () -> put(APPS + "fresh").bearer(admin).json(valid.replace(clientId, "no-such-client")));
        c.problem("PUT app without scope for a client whose registered scope lacks openid → 400", 400,
                () -> put(APPS + "fresh").bearer(admin).json(valid.replace(clientId, clientWithoutOpenid)));
        c.problem("PUT app with a scope lacking openid → 400", 400,
                () -> put(APPS + "fresh").bearer(admin).json(valid.replace("}", ",\"scope\":\"profile\"}")));
        c.problem("PUT app with a prefix taken by another app → 409", 409,
                () -> put(APPS + "fresh").bearer(admin).json(app("oth")));
        c.problem("PUT app id with an underscore → 400", 400, () -> put(APPS + "a_b").bearer(admin).json(valid));
        c.problem("PUT app id of 64 characters → 400", 400, () -> put(APPS + "a".repeat(64)).bearer(admin).json(valid));
        c.problem("PUT app of an unknown tenant → 404", 404,
                () -> put("/admin/v1/tenants/nope/token-handlers/fresh").bearer(admin).json(valid));
        c.problem("GET an unknown app → 404", 404, () -> get(APPS + "nope").bearer(admin));
        c.problem("DELETE an unknown app → 404", 404, () -> delete(APPS + "nope").bearer(admin));
        c.problem("PATCH an app → 405", 405, () -> method("PATCH", APPS + "web").bearer(admin).json("{}"));
        c.problem("POST an app → 405", 405, () -> post(APPS + "web").bearer(admin).json(valid));
        c.problem("GET keys/rotate → 405", 405, () -> get(APPS + "web/keys/rotate").bearer(admin));
        c.problem("rotate keys of an unknown app → 404", 404, () -> post(APPS + "nope/keys/rotate").bearer(admin));
        c.problem("rotate keys without a token → 401", 401, () -> post(APPS + "web/keys/rotate"));
        c.problem("GET the list of apps (no listing) → 404", 404, () -> get("/admin/v1/tenants/" + T + "/token-handlers").bearer(admin));
    }

    private static byte[] concat(String ascii, int... bytes) {
        byte[] a = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(a, a.length + bytes.length);
        for (int i = 0; i < bytes.length; i++) out[a.length + i] = (byte) bytes[i];
        return out;
    }
}
