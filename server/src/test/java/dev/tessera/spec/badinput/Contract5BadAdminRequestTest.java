package dev.tessera.spec.badinput;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@Tag("rfc9457")
@DisplayName("CONTRACT §3, §5 + RFC 9457: malformed admin requests get a problem 4xx and change nothing")
class Contract5BadAdminRequestTest extends BadInputBattery {
    private static final String TENANTS = "/admin/v1/tenants/";
    private static final String VALID = "{\"displayName\":\"Fresh\"}";

    @Override
    void cases(Cases c) {
        authentication(c);
        tenantIds(c);
        methods(c);
        bodies(c);
        auditQueries(c);
    }

    private RawHttp.Request putFresh() {
        return put(TENANTS + "fresh").bearer(admin);
    }

    private void authentication(Cases c) {
        c.problem("PUT tenant without a token → 401", 401, () -> put(TENANTS + "fresh").json(VALID));
        c.problem("PUT tenant with a garbage bearer token → 401", 401, () -> put(TENANTS + "fresh").bearer("garbage").json(VALID));
        c.problem("PUT tenant with an empty Bearer → 401", 401,
                () -> put(TENANTS + "fresh").header("Authorization", "Bearer ").json(VALID));
        c.problem("PUT tenant with a truncated JWT bearer → 401", 401,
                () -> put(TENANTS + "fresh").bearer(BadJwts.truncated(jwtToken)).json(VALID));
        c.problem("PUT tenant with an alg-none JWT bearer → 401", 401,
                () -> put(TENANTS + "fresh").bearer(BadJwts.algNone(jwtToken)).json(VALID));
        c.problem("PUT tenant with a bearer JWT whose header nests 5,000 deep → 401", 401,
                () -> put(TENANTS + "fresh").bearer(BadJwts.deeplyNestedHeader(5000)).json(VALID));
        c.problem("PUT tenant with a 12 KB bearer token → 401", 401,
                () -> put(TENANTS + "fresh").bearer("A".repeat(12_000)).json(VALID));
        c.problem("PUT tenant with another tenant's access token → 401", 401,
                () -> put(TENANTS + "fresh").bearer(opaqueToken).json(VALID));
        c.problem("PUT tenant with Basic admin credentials instead of a token → 401", 401,
                () -> put(TENANTS + "fresh").basic(dev.tessera.testing.TestServer.ADMIN_ID,
                        dev.tessera.testing.TestServer.ADMIN_SECRET).json(VALID));
        c.problem("GET tenant without a token → 401", 401, () -> get(TENANTS + T));
        c.problem("DELETE tenant with a garbage token → 401", 401, () -> delete(TENANTS + T).bearer("x.y.z"));
        c.problem("rotate keys without a token → 401", 401, () -> post(TENANTS + T + "/keys/rotate"));
        c.problem("rotate keys with a garbage body and a garbage token → 401", 401,
                () -> post(TENANTS + T + "/keys/rotate").bearer("nope").json("{{{{"));
        c.problem("audit events with a truncated JWT → 401", 401,
                () -> get(TENANTS + T + "/audit-events").bearer(BadJwts.truncated(jwtToken)));
    }

    private void tenantIds(Cases c) {
        List<String> bad = List.of("Bad", "-bad", "a_b", "a.b", "%20", "b%C3%BCd", "a%01b", "a".repeat(64), "a".repeat(3000));
        for (String id : bad) {
            String shown = id.length() > 20 ? id.length() + " characters" : "'" + id + "'";
            c.problem("PUT tenant id " + shown + " → 400", 400, () -> put(TENANTS + id).bearer(admin).json(VALID));
        }
        c.problem("GET invalid tenant id → 400", 400, () -> get(TENANTS + "UPPER").bearer(admin));
        c.problem("DELETE invalid tenant id → 400", 400, () -> delete(TENANTS + "UPPER").bearer(admin));
        c.problem("rotate keys of an invalid tenant id → 400", 400, () -> post(TENANTS + "UP_PER/keys/rotate").bearer(admin));
        c.problem("audit events of an invalid tenant id → 400", 400, () -> get(TENANTS + "x_x/audit-events").bearer(admin));
        c.problem("GET unknown tenant → 404", 404, () -> get(TENANTS + "nope").bearer(admin));
        c.problem("DELETE unknown tenant → 404", 404, () -> delete(TENANTS + "nope").bearer(admin));
        c.problem("rotate keys of an unknown tenant → 404", 404, () -> post(TENANTS + "nope/keys/rotate").bearer(admin));
        c.problem("audit events of an unknown tenant → 404", 404, () -> get(TENANTS + "nope/audit-events").bearer(admin));
        c.problem("DELETE tenant system → 409", 409, () -> delete(TENANTS + "system").bearer(admin));
    }

    private void methods(Cases c) {
        c.problem("POST /admin/v1/tenants/{T} → 405", 405, () -> post(TENANTS + T).bearer(admin).json(VALID));
        c.problem("PATCH /admin/v1/tenants/{T} → 405", 405, () -> method("PATCH", TENANTS + T).bearer(admin).json(VALID));
        c.problem("GET keys/rotate → 405", 405, () -> get(TENANTS + T + "/keys/rotate").bearer(admin));
        c.problem("PUT keys/rotate → 405", 405, () -> put(TENANTS + T + "/keys/rotate").bearer(admin).json("{}"));
        c.problem("DELETE audit-events → 405", 405, () -> delete(TENANTS + T + "/audit-events").bearer(admin));
        c.problem("GET /admin/v1/tenants (no id) → 404", 404, () -> get("/admin/v1/tenants").bearer(admin));
        c.problem("GET /admin/v1/tenants/{T}/keys → 404", 404, () -> get(TENANTS + T + "/keys").bearer(admin));
        c.problem("GET /admin/v2/tenants/{T} → 404", 404, () -> get("/admin/v2/tenants/" + T).bearer(admin));
    }

    private void bodies(Cases c) {
        c.problem("form where JSON is expected → 415", 415, () -> putFresh().form("displayName=Fresh"));
        c.problem("no Content-Type → 415", 415, () -> putFresh().body(null, VALID));
        c.problem("JSON sent as text/plain → 415", 415, () -> putFresh().body("text/plain", VALID));
        c.problem("JSON with Content-Encoding gzip → 415", 415, () -> putFresh().header("Content-Encoding", "gzip").json(VALID));
        c.problem("empty JSON body → 400", 400, () -> putFresh().json(""));
        c.problem("garbage body → 400", 400, () -> putFresh().json("¡garbage!"));
        c.problem("truncated JSON → 400", 400, () -> putFresh().json("{\"displayName\":\"Fresh\""));
        c.problem("JSON with trailing garbage → 400", 400, () -> putFresh().json(VALID + " trailing"));
        c.problem("two JSON objects → 400", 400, () -> putFresh().json(VALID + VALID));
        c.problem("single-quoted JSON → 400", 400, () -> putFresh().json("{'displayName':'Fresh'}"));
        c.problem("unquoted member name → 400", 400, () -> putFresh().json("{displayName:\"Fresh\"}"));
        c.problem("JSON array → 400", 400, () -> putFresh().json("[" + VALID + "]"));
        c.problem("JSON string → 400", 400, () -> putFresh().json("\"Fresh\""));
        c.problem("JSON number → 400", 400, () -> putFresh().json("42"));
        c.problem("JSON null → 400", 400, () -> putFresh().json("null"));
        c.problem("NaN as a value → 400", 400, () -> putFresh().json("{\"displayName\":\"F\",\"accessTokenTtlSeconds\":NaN}"));
        c.problem("JSON nested 100,000 deep → 400", 400, () -> putFresh().json(
                "{\"displayName\":\"F\",\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        c.problem("JSON objects nested 3,000 deep → 400", 400, () -> putFresh().json(
                "{\"displayName\":\"F\",\"x\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}"));
        c.problem("JSON body of 300 KB → 413", 413, () -> putFresh().json("{\"displayName\":\"" + "F".repeat(300_000) + "\"}"));
        c.problem("invalid UTF-8 in JSON → 400", 400, () -> putFresh().body("application/json",
                concat("{\"displayName\":\"F", 0xC3, 0x28, '"', '}')));
        c.problem("JSON encoded as UTF-16 → 400", 400, () -> putFresh().body("application/json",
                VALID.getBytes(StandardCharsets.UTF_16)));
        c.problem("escaped NUL in displayName → 400", 400, () -> putFresh().json("{\"displayName\":\"Fr\\u0000esh\"}"));
        c.problem("raw NUL byte in displayName → 400", 400, () -> putFresh().json("{\"displayName\":\"Fr\u0000esh\"}"));
        c.problem("raw control byte 0x01 in displayName → 400", 400, () -> putFresh().json("{\"displayName\":\"Fr\u0001esh\"}"));
        c.problem("escaped lone surrogate in displayName → 400", 400,
                () -> putFresh().json("{\"displayName\":\"Fr\\uD800esh\"}"));
        c.problem("duplicate member names → 400", 400,
                () -> putFresh().json("{\"displayName\":\"Fresh\",\"displayName\":\"Other\"}"));
        c.problem("garbage JSON for the existing tenant → 400", 400, () -> put(TENANTS + T).bearer(admin).json("{]"));
    }

    private void auditQueries(Cases c) {
        Function<String, RawHttp.Request> audit = q -> get(TENANTS + T + "/audit-events?" + q).bearer(admin);
        List<String> bad = List.of("limit=abc", "limit=-1", "limit=0", "limit=1001", "limit=99999999999999999999",
                "limit=1.5", "limit=%205", "limit=0x10", "limit=%00", "after=-5", "after=x", "after=1e3",
                "after=99999999999999999999", "since=garbage", "since=-1", "since=-1000-01-01T00:00:00Z",
                "since=%2B300000000-01-01T00:00:00Z", "since=2024-13-45T00:00:00Z", "since=99999999999999999999",
                "limit=5&limit=6", "after=1&after=2", "since=0&since=1",
                // ASCII digits only: no sign, no other script's digits (Java's parsers take both), no overflow
                "limit=%2B5", "limit=%D9%A5", "limit=%EF%BC%95", "limit=1e100", "limit=1" + "0".repeat(100),
                "after=%2B1", "after=%D9%A1", "after=%EF%BC%91", "after=1" + "0".repeat(100), "after=1.5",
                "since=%2B1000", "since=%D9%A1%D9%A0%D9%A0%D9%A0", "since=1" + "0".repeat(100));
        for (String q : bad) {
            c.problem("audit events ?" + q + " → 400", 400, () -> audit.apply(q));
        }
    }

    private static byte[] concat(String ascii, int... bytes) {
        byte[] a = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(a, a.length + bytes.length);
        for (int i = 0; i < bytes.length; i++) out[a.length + i] = (byte) bytes[i];
        return out;
    }
}
