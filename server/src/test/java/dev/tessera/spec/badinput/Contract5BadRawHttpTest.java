package dev.tessera.spec.badinput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * Requests no well-behaved client library will send: broken request lines, header bytes, framing and
 * paths. Many never reach Tessera (Jetty's parser answers 400/413/414/431 itself); those must still be
 * a 4xx, and those that do reach it get Tessera's error JSON.
 */
@Tag("contract5")
@Tag("rfc9112")
@DisplayName("CONTRACT §5 + RFC 9112: malformed HTTP/1.1 on the wire gets a 4xx and changes nothing")
class Contract5BadRawHttpTest extends BadInputBattery {
    private static final Set<Integer> BAD = Set.of(400);
    private static final String TOKEN = "/t/" + T + "/token";

    @Override
    void cases(Cases c) {
        requestLines(c);
        headers(c);
        framing(c);
        paths(c);
    }

    private RawHttp.Reply bytes(String ascii) {
        return raw.sendBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    private RawHttp.Request tokenRequest() {
        return post(TOKEN).basic(opaqueClient.clientId(), opaqueClient.clientSecret());
    }

    private void requestLines(Cases c) {
        c.transport("raw invalid percent-encoding in the path → 400", BAD, () -> post("/t/bad%ZZ/token").form(CC).send());
        c.transport("lone % in the path → 400", BAD, () -> get("/t/%/jwks").send());
        c.transport("percent-encoded NUL in the path → 400", BAD, () -> get("/t/" + T + "%00/jwks").send());
        c.transport("raw invalid UTF-8 byte in the path → 400", BAD, () -> bytes("GET /t/\u00ff/jwks HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n"));
        c.transport("raw space inside the request target → 400", BAD, () -> bytes("GET /t/bad /jwks HTTP/1.1\r\nHost: x\r\n\r\n"));
        c.transport("unknown HTTP version HTTP/1.7 → 400", BAD, () -> get("/health/ready").version("HTTP/1.7").send());
        c.transport("garbage protocol name → 400", BAD, () -> get("/health/ready").version("HTCPCP/1.0").send());
        c.transport("request line without a version → 400", BAD, () -> bytes("GET /health/ready\r\n\r\n"));
        c.transport("request line of only a method → 400", BAD, () -> bytes("GET\r\n\r\n"));
        c.transport("asterisk target with GET → 400", BAD, () -> get("*").send());
        c.transport("request target of 20 KB → 414", Set.of(414, 431), () -> get("/t/" + "a".repeat(20_000) + "/jwks").send());
        c.error("method name of 2,000 characters → 405", 405, "invalid_request", () -> method("X".repeat(2000), TOKEN));
        c.transport("a TLS ClientHello on the plain port → 400", BAD, () -> raw.sendBytes(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00,
                0x01, 0x00, 0x01, (byte) 0xFC, 0x03, 0x03, 0x5A, 0x5A, 0x5A, 0x5A, 0x0D, 0x0A, 0x0D, 0x0A}));
        c.transport("1 KB of random bytes → 400", BAD, () -> {
            byte[] garbage = new byte[1024];
            new Random(11).nextBytes(garbage);
            garbage[0] = 'G';
            return raw.sendBytes(garbage);
        });
        c.transport("an HTTP response sent as a request → 400", BAD, () -> bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        c.transport("HTTP/2 connection preface on an HTTP/1.1 port → 426", Set.of(426),
                () -> bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
    }

    private void headers(Cases c) {
        c.transport("HTTP/1.1 without Host → 400", BAD, () -> get("/health/ready").noHost().send());
        c.transport("two Host headers → 400", BAD, () -> get("/health/ready").header("Host", "evil.example").send());
        c.transport("Host with spaces → 400", BAD, () -> get("/health/ready").noHost().header("Host", "a b c").send());
        c.transport("NUL byte in a header value → 400", BAD,
                () -> tokenRequest().headerLine("X-Test: a\u0000b".getBytes(StandardCharsets.ISO_8859_1)).form(CC).send());
        c.transport("space inside a header name → 400", BAD, () -> tokenRequest().header("Bad Header", "x").form(CC).send());
        c.transport("header line without a colon → 400", BAD,
                () -> tokenRequest().headerLine("NoColonHere".getBytes(StandardCharsets.US_ASCII)).form(CC).send());
        c.transport("obsolete line folding → 400", BAD, () -> tokenRequest()
                .headerLine("X-Folded: first\r\n second".getBytes(StandardCharsets.US_ASCII)).form(CC).send());
        c.transport("bare CR inside a header value → 400", BAD,
                () -> tokenRequest().headerLine("X-Test: a\rb".getBytes(StandardCharsets.US_ASCII)).form(CC).send());
        c.transport("one header of 20 KB → 431", Set.of(431), () -> tokenRequest().header("X-Big", "b".repeat(20_000)).form(CC).send());
        c.transport("Authorization header of 40 KB → 431", Set.of(431),
                () -> post(TOKEN).header("Authorization", "Basic " + "Q".repeat(40_000)).form(CC).send());
        c.transport("2,000 small headers → 431", Set.of(431), () -> {
            RawHttp.Request r = tokenRequest();
            for (int i = 0; i < 2000; i++) r.header("X-H" + i, "v");
            return r.form(CC).send();
        });
        c.transport("Cookie of 20 KB → 431", Set.of(431), () -> get("/health/ready").header("Cookie", "c=" + "k".repeat(20_000)).send());
        c.error("Basic credentials with raw 0xFF bytes in the header → 401", 401, "invalid_client", () -> post(TOKEN)
                .headerLine("Authorization: Basic \u00ff\u00fe==".getBytes(StandardCharsets.ISO_8859_1)).form(CC));
        c.error("Bearer token with raw non-UTF-8 bytes at introspection → 401", 401, "invalid_client", () -> post("/t/" + T
                + "/introspect").headerLine("Authorization: Bearer \u00e9\u00ff".getBytes(StandardCharsets.ISO_8859_1)).form("token=x"));
        c.problem("admin bearer token with raw non-UTF-8 bytes → 401", 401, () -> get("/admin/v1/tenants/" + T)
                .headerLine("Authorization: Bearer \u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1)));
        c.error("X-Request-Id of 10 KB is replaced, not echoed; the request still fails cleanly → 400", 400, "invalid_request",
                () -> tokenRequest().header("X-Request-Id", "r".repeat(10_000)).body(null, CC));
        c.error("Content-Type with a NUL-free garbage media type → 400", 400, "invalid_request",
                () -> tokenRequest().body("%%%/%%%", CC));
        c.error("Content-Type with 8 KB of parameters → 400", 400, "invalid_request",
                () -> tokenRequest().body(FORM + "; charset=latin1" + "; p=v".repeat(1500), CC));
        c.error("two Content-Type headers, the first not a form → 400", 400, "invalid_request",
                () -> tokenRequest().header("Content-Type", "application/json").body(FORM, CC));
    }

    private void framing(Cases c) {
        c.transport("Content-Length that is not a number → 400", BAD,
                () -> tokenRequest().noContentLength().header("Content-Length", "abc").form(CC).send());
        c.transport("negative Content-Length → 400", BAD,
                () -> tokenRequest().noContentLength().header("Content-Length", "-5").form(CC).send());
        c.transport("two different Content-Lengths → 400", BAD,
                () -> tokenRequest().header("Content-Length", "3").form(CC).send());
        c.transport("Content-Length together with chunked → 400", BAD, () -> tokenRequest().header("Transfer-Encoding", "chunked")
                .form(CC).send());
        c.transport("Transfer-Encoding gzip → 400", BAD, () -> tokenRequest().noContentLength()
                .header("Transfer-Encoding", "gzip").form(CC).send());
        c.transport("chunk size that is not hex → 400", BAD, () -> tokenRequest().noContentLength()
                .header("Transfer-Encoding", "chunked").body(FORM, "zz\r\n" + CC + "\r\n0\r\n\r\n").send());
        c.error("chunked body of 3 MB → 413", 413, "payload_too_large", () -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            byte[] chunk = ("8000\r\n" + "a".repeat(0x8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 96; i++) b.writeBytes(chunk);
            b.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return tokenRequest().noContentLength().header("Transfer-Encoding", "chunked").body(FORM, b.toByteArray());
        });
        c.error("chunked body cut off before its last chunk → 400", 400, "invalid_request", () -> tokenRequest().noContentLength()
                .header("Transfer-Encoding", "chunked").body(FORM, "1d\r\n" + CC + "\r\n10\r\nscope"));
        c.error("Content-Length larger than the body sent → 400", 400, "invalid_request", () -> tokenRequest().noContentLength()
                .header("Content-Length", "500").form(CC));
        c.error("Expect: 100-continue with 5 GB announced → 413", 413, "payload_too_large", () -> tokenRequest().noContentLength()
                .header("Expect", "100-continue").header("Content-Length", "5000000000").header("Content-Type", FORM));
        c.transport("unknown Expect → 417", Set.of(417), () -> tokenRequest().header("Expect", "teapot").form(CC).send());
    }

    private void paths(Cases c) {
        c.error("dot segments into another tenant (/t/bad/../system/token) → 404", 404, "not_found",
                () -> post("/t/" + T + "/../system/token").form(CC));
        c.error("encoded dot segment /t/%2e%2e/… → 404", 404, "not_found", () -> post("/t/%2e%2e/system/token").form(CC));
        c.error("encoded slash in the tenant id → 404", 404, "not_found", () -> post("/t/" + T + "%2Ftoken").form(CC));
        c.transport("dot segments above the root → 400", BAD, () -> get("/../../etc/passwd").send());
        c.problem("encoded ../ in an admin tenant id → 400", 400, () -> get("/admin/v1/tenants/..%2fsystem").bearer(admin));
        c.problem("encoded backslash and dots in an admin tenant id → 400", 400,
                () -> get("/admin/v1/tenants/" + T + "%5c..%5csystem").bearer(admin));
        c.transport("raw backslash in the path → 400", BAD, () -> bytes("GET /t/" + T + "\\jwks HTTP/1.1\r\nHost: x\r\n\r\n"));
        c.error("empty path segment //t/bad/token → 404", 404, "not_found", () -> post("//t/" + T + "/token").form(CC));
        c.error("path parameter ;jsessionid on the token endpoint → 404", 404, "not_found",
                () -> post(TOKEN + ";jsessionid=abc").basic(opaqueClient.clientId(), opaqueClient.clientSecret()).form(CC));
        c.problem("invalid percent-encoding in the audit-events query → 400", 400,
                () -> get("/admin/v1/tenants/" + T + "/audit-events?limit=%ZZ").bearer(admin));
        c.problem("lone % in the audit-events query → 400", 400,
                () -> get("/admin/v1/tenants/" + T + "/audit-events?since=%").bearer(admin));
        c.error("invalid percent-encoding in the token endpoint's query → 400", 400, "invalid_request",
                () -> post(TOKEN + "?x=%ZZ").basic(opaqueClient.clientId(), opaqueClient.clientSecret()).form(CC));
        c.error("invalid percent-encoding in the JWKS query → 400", 400, "invalid_request", () -> get("/t/" + T + "/jwks?%G0"));
        c.error("invalid percent-encoding in the metrics query → 400", 400, "invalid_request", () -> get("/metrics?x=%"));
    }
}
