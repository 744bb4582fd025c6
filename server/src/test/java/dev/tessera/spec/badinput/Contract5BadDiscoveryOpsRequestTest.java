package dev.tessera.spec.badinput;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@Tag("rfc8414")
@DisplayName("CONTRACT §1.1, §2, §5 + RFC 8414 §3: malformed discovery, JWKS, health and metrics requests")
class Contract5BadDiscoveryOpsRequestTest extends BadInputBattery {
    private static final String OIDC = "/t/" + T + "/.well-known/openid-configuration";
    private static final String RFC8414 = "/.well-known/oauth-authorization-server/t/" + T;
    private static final String JWKS = "/t/" + T + "/jwks";

    @Override
    void cases(Cases c) {
        discovery(c);
        jwks(c);
        ops(c);
        unusualMethods(c);
    }

    private void discovery(Cases c) {
        for (String tenant : List.of("nope", "UPPER", "-x", "a".repeat(64), "x%C3%A9")) {
            String shown = tenant.length() > 20 ? tenant.length() + " characters" : "'" + tenant + "'";
            c.error("OIDC discovery of tenant " + shown + " → 404", 404, "not_found",
                    () -> get("/t/" + tenant + "/.well-known/openid-configuration"));
            c.error("RFC 8414 discovery of tenant " + shown + " → 404", 404, "not_found",
                    () -> get("/.well-known/oauth-authorization-server/t/" + tenant));
        }
        c.error("RFC 8414 discovery without a tenant → 404", 404, "not_found", () -> get("/.well-known/oauth-authorization-server"));
        c.error("RFC 8414 discovery with an empty tenant → 404", 404, "not_found",
                () -> get("/.well-known/oauth-authorization-server/t/"));
        c.error("RFC 8414 discovery with an extra segment → 404", 404, "not_found", () -> get(RFC8414 + "/extra"));
        c.error("RFC 8414 discovery with a trailing slash → 404", 404, "not_found", () -> get(RFC8414 + "/"));
        c.error("OIDC discovery with a trailing slash → 404", 404, "not_found", () -> get(OIDC + "/"));
        c.error("RFC 8414 path under the issuer → 404", 404, "not_found",
                () -> get("/t/" + T + "/.well-known/oauth-authorization-server"));
        c.error("OIDC discovery in upper case → 404", 404, "not_found", () -> get("/t/" + T + "/.WELL-KNOWN/openid-configuration"));
        for (String m : List.of("POST", "PUT", "DELETE")) {
            c.error(m + " OIDC discovery → 405", 405, "invalid_request", () -> method(m, OIDC).json("{\"issuer\":\"x\"}"));
            c.error(m + " RFC 8414 discovery → 405", 405, "invalid_request", () -> method(m, RFC8414).form("a=b"));
        }
    }

    private void jwks(Cases c) {
        c.error("JWKS of an unknown tenant → 404", 404, "not_found", () -> get("/t/nope/jwks"));
        c.error("JWKS of an invalid tenant id → 404", 404, "not_found", () -> get("/t/Bad/jwks"));
        c.error("JWKS of a 2,000-character tenant id → 404", 404, "not_found", () -> get("/t/" + "j".repeat(2000) + "/jwks"));
        c.error("JWKS with a trailing slash → 404", 404, "not_found", () -> get(JWKS + "/"));
        c.error("JWKS as jwks.json → 404", 404, "not_found", () -> get(JWKS + ".json"));
        c.error("JWKS with a key id segment → 404", 404, "not_found", () -> get(JWKS + "/some-kid"));
        c.error("POST JWKS → 405", 405, "invalid_request", () -> post(JWKS).json("{\"keys\":[]}"));
        c.error("PUT JWKS with garbage → 405", 405, "invalid_request", () -> put(JWKS).body("application/octet-stream",
                new byte[] {0, 1, 2, (byte) 0xFF}));
        c.error("DELETE JWKS → 405", 405, "invalid_request", () -> delete(JWKS));
    }

    private void ops(Cases c) {
        c.error("POST /health/ready → 405", 405, "invalid_request", () -> post("/health/ready").form("x=1"));
        c.error("PUT /health/live → 405", 405, "invalid_request", () -> put("/health/live").json("{}"));
        c.error("DELETE /health/live → 405", 405, "invalid_request", () -> delete("/health/live"));
        c.error("POST /metrics with garbage → 405", 405, "invalid_request",
                () -> post("/metrics").body("text/plain", "\u0000\u0001garbage"));
        c.error("DELETE /metrics → 405", 405, "invalid_request", () -> delete("/metrics"));
        c.error("GET /health → 404", 404, "not_found", () -> get("/health"));
        c.error("GET /health/ready/ → 404", 404, "not_found", () -> get("/health/ready/"));
        c.error("GET /health/unknown → 404", 404, "not_found", () -> get("/health/unknown"));
        c.error("GET /metrics/x → 404", 404, "not_found", () -> get("/metrics/x"));
        c.error("GET / → 404", 404, "not_found", () -> get("/"));
        c.error("GET /t → 404", 404, "not_found", () -> get("/t"));
        c.error("GET /t/" + T + " → 404", 404, "not_found", () -> get("/t/" + T));
    }

    private void unusualMethods(Cases c) {
        c.error("OPTIONS /t/{T}/token → 405", 405, "invalid_request", () -> method("OPTIONS", "/t/" + T + "/token"));
        c.error("unknown method FROB on /t/{T}/token → 405", 405, "invalid_request", () -> method("FROB", "/t/" + T + "/token"));
        c.error("lower-case method 'post' on /t/{T}/token → 405", 405, "invalid_request",
                () -> method("post", "/t/" + T + "/token").form(CC));
        c.error("PROPFIND /health/ready → 405", 405, "invalid_request", () -> method("PROPFIND", "/health/ready"));
    }
}
