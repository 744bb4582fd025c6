package dev.tessera.spec.badinput;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@Tag("rfc6749")
@DisplayName("CONTRACT §5 + RFC 6749 §3.2, §5.2: malformed token requests get a 4xx and change nothing")
class Contract5BadTokenRequestTest extends BadInputBattery {
    private static final String P = "/t/" + T + "/token";

    @Override
    void cases(Cases c) {
        methodsAndMediaTypes(c);
        encoding(c);
        parameters(c);
        clientAuthentication(c);
        clientAssertions(c);
        tenantsAndPaths(c);
    }

    private RawHttp.Request authed() {
        return post(P).basic(opaqueClient.clientId(), opaqueClient.clientSecret());
    }

    private void methodsAndMediaTypes(Cases c) {
        for (String m : List.of("GET", "PUT", "DELETE", "PATCH")) {
            c.error(m + " /token → 405", 405, "invalid_request", () -> method(m, P));
        }
        c.error("no Content-Type and no body → 400", 400, "invalid_request", () -> post(P));
        c.error("JSON where a form is expected → 400", 400, "invalid_request",
                () -> authed().json("{\"grant_type\":\"client_credentials\"}"));
        c.error("form text sent as text/plain → 400", 400, "invalid_request", () -> authed().body("text/plain", CC));
        c.error("multipart/form-data → 400", 400, "invalid_request", () -> authed().body(
                "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\n"
                        + "client_credentials\r\n--xyz--\r\n"));
        c.error("form declared ISO-8859-1 → 400", 400, "invalid_request",
                () -> authed().body(FORM + "; charset=ISO-8859-1", CC));
        c.error("form declared UTF-16 → 400", 400, "invalid_request", () -> authed().body(FORM + ";charset=utf-16", CC));
        c.error("media type with a suffix (…urlencodedx) → 400", 400, "invalid_request",
                () -> authed().body(FORM + "x", CC));
        c.error("empty Content-Type → 400", 400, "invalid_request", () -> authed().body("", CC));
        c.error("1 KB of random bytes as the form → 400", 400, "invalid_request", () -> {
            byte[] garbage = new byte[1024];
            new Random(7).nextBytes(garbage);
            return authed().body(FORM, garbage);
        });
        c.error("form body of 70 KB → 413", 413, "payload_too_large",
                () -> authed().form(CC + "&scope=" + "a".repeat(70_000)));
        c.error("form body of 3 MB → 413", 413, "payload_too_large",
                () -> authed().form(CC + "&scope=" + "a".repeat(3_000_000)));
        c.error("Content-Length of 5 GB announced → 413", 413, "payload_too_large",
                () -> authed().noContentLength().header("Content-Type", FORM).header("Content-Length", "5000000000"));
        c.error("Content-Encoding gzip on a plain form → 415", 415, "unsupported_media_type",
                () -> authed().header("Content-Encoding", "gzip").form(CC + "&scope=read"));
    }

    private void encoding(Cases c) {
        c.error("invalid percent-encoding %ZZ → 400", 400, "invalid_request", () -> authed().form("grant_type=%ZZclient"));
        c.error("truncated percent-encoding at the end → 400", 400, "invalid_request", () -> authed().form(CC + "%2"));
        c.error("lone % → 400", 400, "invalid_request", () -> authed().form(CC + "&scope=%"));
        c.error("percent-encoded invalid UTF-8 (%C3%28) → 400", 400, "invalid_request",
                () -> authed().form(CC + "&scope=%C3%28"));
        c.error("percent-encoded overlong UTF-8 (%C0%AF) → 400", 400, "invalid_request",
                () -> authed().form(CC + "&scope=%C0%AF"));
        c.error("percent-encoded UTF-16 surrogate (%ED%A0%80) → 400", 400, "invalid_request",
                () -> authed().form(CC + "&scope=%ED%A0%80"));
        c.error("percent-encoded NUL → 400", 400, "invalid_request", () -> authed().form(CC + "&scope=read%00"));
        c.error("percent-encoded ESC control byte → 400", 400, "invalid_request", () -> authed().form(CC + "&scope=%1B"));
        c.error("raw NUL byte in the form → 400", 400, "invalid_request", () -> authed().form(CC + "\u0000&scope=read"));
        c.error("raw invalid UTF-8 bytes in the form → 400", 400, "invalid_request", 
                () -> authed().body(FORM, concat(CC + "&scope=", 0xC3, 0x28)));
        c.error("raw Latin-1 byte 0xE9 in the form → 400", 400, "invalid_request",
                () -> authed().body(FORM, concat(CC + "&scope=caf", 0xE9)));
    }

    private void parameters(Cases c) {
        c.error("empty parameter name (=x) → 400", 400, "invalid_request", () -> authed().form(CC + "&=x"));
        c.error("a body of only '=' → 400", 400, "invalid_request", () -> authed().form("="));
        c.error("a body of only '&&&' → 400 missing grant_type", 400, "invalid_request", () -> authed().form("&&&"));
        c.error("grant_type repeated → 400", 400, "invalid_request", () -> authed().form(CC + "&" + CC));
        c.error("scope repeated → 400", 400, "invalid_request", () -> authed().form(CC + "&scope=read&scope=write"));
        c.error("client_id repeated → 400", 400, "invalid_request",
                () -> post(P).form(CC + "&client_id=a&client_id=b&client_secret=x"));
        c.error("missing grant_type → 400", 400, "invalid_request", () -> authed().form("scope=read"));
        c.error("empty grant_type → 400", 400, "invalid_request", () -> authed().form("grant_type="));
        c.error("unknown grant_type → 400 unsupported_grant_type", 400, "unsupported_grant_type",
                () -> authed().form("grant_type=urn:example:nope"));
        c.error("grant_type in upper case → 400 unsupported_grant_type", 400, "unsupported_grant_type",
                () -> authed().form("grant_type=CLIENT_CREDENTIALS"));
        c.error("grant_type of 60,000 characters → 400 unsupported_grant_type", 400, "unsupported_grant_type",
                () -> authed().form("grant_type=" + "x".repeat(60_000)));
        c.error("scope with a double quote → 400 invalid_scope", 400, "invalid_scope",
                () -> authed().form(CC + "&scope=%22read%22"));
        c.error("scope token of 300 characters → 400 invalid_scope", 400, "invalid_scope",
                () -> authed().form(CC + "&scope=" + "r".repeat(300)));
        c.error("resource that is not an absolute URI → 400 invalid_target", 400, "invalid_target",
                () -> authed().form(CC + "&resource=not%20a%20uri"));
        c.error("resource with a fragment → 400 invalid_target", 400, "invalid_target",
                () -> authed().form(CC + "&resource=https%3A%2F%2Fapi.example%2F%23frag"));
        c.error("21 audience values → 400 invalid_target", 400, "invalid_target", () -> {
            StringBuilder f = new StringBuilder(CC);
            for (int i = 0; i < 21; i++) f.append("&audience=aud").append(i);
            return authed().form(f.toString());
        });
        c.error("blank audience → 400 invalid_target", 400, "invalid_target", () -> authed().form(CC + "&audience=+"));
    }

    private void clientAuthentication(Cases c) {
        c.error("no client authentication → 401", 401, "invalid_client", () -> post(P).form(CC));
        c.error("Basic credentials that are not base64 → 401", 401, "invalid_client",
                () -> post(P).header("Authorization", "Basic !!!not*base64!!!").form(CC));
        c.error("Basic credentials without a colon → 401", 401, "invalid_client",
                () -> post(P).header("Authorization", "Basic " + b64("justanid")).form(CC));
        c.error("Basic scheme without credentials → 401", 401, "invalid_client",
                () -> post(P).header("Authorization", "Basic").form(CC));
        c.error("Basic credentials of 12 KB → 401", 401, "invalid_client",
                () -> post(P).header("Authorization", "Basic " + b64("x".repeat(9000) + ":y")).form(CC));
        c.error("Basic credentials decoding to invalid UTF-8 → 401", 401, "invalid_client", () -> post(P)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, 0x28, ':', 'x'}))
                .form(CC));
        c.error("Basic id with invalid percent-encoding (%ZZ) → 401", 401, "invalid_client",
                () -> post(P).header("Authorization", "Basic " + b64("%ZZ:secret")).form(CC));
        c.error("Basic id with a NUL byte → 401", 401, "invalid_client",
                () -> post(P).header("Authorization", "Basic " + b64("a\u0000b:secret")).form(CC));
        c.error("Basic id of 200 characters → 401", 401, "invalid_client",
                () -> post(P).header("Authorization", "Basic " + b64("i".repeat(200) + ":secret")).form(CC));
        c.error("Basic with the right id and a wrong secret → 401", 401, "invalid_client",
                () -> post(P).basic(opaqueClient.clientId(), "wrong").form(CC));
        c.error("Bearer scheme at the token endpoint → 401", 401, "invalid_client", () -> post(P).bearer(admin).form(CC));
        c.error("unknown Authorization scheme → 401", 401, "invalid_client",
                () -> post(P).header("Authorization", "Digest username=\"x\"").form(CC));
        c.error("Basic and client_secret in the form → 400", 400, "invalid_request",
                () -> authed().form(CC + "&client_id=" + opaqueClient.clientId() + "&client_secret=x"));
        c.error("client_secret without client_id → 401", 401, "invalid_client", () -> post(P).form(CC + "&client_secret=x"));
        c.error("public client_id of 200 characters → 401", 401, "invalid_client",
                () -> post(P).form(CC + "&client_id=" + "i".repeat(200)));
        c.error("client_id with a control byte → 400", 400, "invalid_request", () -> post(P).form(CC + "&client_id=a%01b"));
    }

    private void clientAssertions(Cases c) {
        c.error("client_assertion that is not a JWT → 401", 401, "invalid_client", () -> assertion("not-a-jwt"));
        c.error("client_assertion truncated → 401", 401, "invalid_client", () -> assertion(BadJwts.truncated(
                BadJwts.signed(clientKey, BadJwts.assertionClaims(keyClient.clientId(), aud()), null))));
        c.error("client_assertion without signature → 401", 401, "invalid_client", () -> assertion(BadJwts.unsigned(
                BadJwts.signed(clientKey, BadJwts.assertionClaims(keyClient.clientId(), aud()), null))));
        c.error("client_assertion with alg none → 401", 401, "invalid_client",
                () -> assertion(BadJwts.plain(BadJwts.assertionClaims(keyClient.clientId(), aud()))));
        c.error("client_assertion signed by an unregistered key → 401", 401, "invalid_client", () -> assertion(
                BadJwts.signedByStranger("client-key", BadJwts.assertionClaims(keyClient.clientId(), aud()), null)));
        c.error("client_assertion HS256 with a guessed secret → 401", 401, "invalid_client",
                () -> assertion(BadJwts.hmac(BadJwts.assertionClaims(keyClient.clientId(), aud()), null)));
        c.error("client_assertion with an unknown critical header → 401", 401, "invalid_client",
                () -> assertion(BadJwts.unknownCritical(clientKey, BadJwts.assertionClaims(keyClient.clientId(), aud()))));
        c.error("client_assertion header not base64 → 401", 401, "invalid_client", () -> assertion(BadJwts.headerNotBase64()));
        c.error("client_assertion header not JSON → 401", 401, "invalid_client", () -> assertion(BadJwts.headerNotJson()));
        c.error("client_assertion header a JSON array → 401", 401, "invalid_client", () -> assertion(BadJwts.headerJsonArray()));
        c.error("client_assertion header nested 20,000 deep → 401", 401, "invalid_client",
                () -> assertion(BadJwts.deeplyNestedHeader(20_000)));
        c.error("client_assertion with five garbage parts → 401", 401, "invalid_client",
                () -> assertion(BadJwts.fiveGarbageParts()));
        c.error("client_assertion of only dots → 401", 401, "invalid_client", () -> assertion(BadJwts.onlyDots()));
        c.error("client_assertion naming an unknown client → 401", 401, "invalid_client", () -> assertion(
                BadJwts.signed(clientKey, BadJwts.assertionClaims("no-such-client", aud()), null)));
        c.error("client_assertion with iss ≠ sub → 401", 401, "invalid_client", () -> assertion(BadJwts.signed(clientKey,
                new JWTClaimsSet.Builder(BadJwts.assertionClaims(keyClient.clientId(), aud())).issuer("someone-else").build(), null)));
        c.error("an access token presented as client_assertion → 401", 401, "invalid_client", () -> assertion(jwtToken));
        c.error("client_assertion with an unknown assertion type → 400", 400, "invalid_request",
                () -> post(P).form(CC + "&client_assertion_type=urn%3Aexample%3Asaml&client_assertion=abc"));
        c.error("client_assertion without client_assertion_type → 400", 400, "invalid_request",
                () -> post(P).form(CC + "&client_assertion=abc"));
        c.error("client_assertion_type without client_assertion → 400", 400, "invalid_request",
                () -> post(P).form(CC + "&client_assertion_type=" + BadJwts.ASSERTION_TYPE));
        c.error("client_assertion together with Basic → 400", 400, "invalid_request",
                () -> authed().form(CC + "&client_assertion_type=" + BadJwts.ASSERTION_TYPE + "&client_assertion=a.b.c"));
        c.error("client_assertion as an at+jwt typed JWT of a stranger → 401", 401, "invalid_client", () -> assertion(
                BadJwts.signedByStranger("x", BadJwts.assertionClaims(keyClient.clientId(), aud()), JOSEObjectType.JWT)));
    }

    private String aud() {
        return server.baseUrl + P;
    }

    private RawHttp.Request assertion(String jwt) {
        return post(P).form(CC + "&client_assertion_type=" + BadJwts.ASSERTION_TYPE + "&client_assertion=" + jwt);
    }

    private void tenantsAndPaths(Cases c) {
        c.error("unknown tenant → 404", 404, "not_found", () -> post("/t/nope/token").form(CC));
        c.error("upper-case tenant id → 404", 404, "not_found", () -> post("/t/BAD/token").form(CC));
        c.error("tenant id starting with '-' → 404", 404, "not_found", () -> post("/t/-bad/token").form(CC));
        c.error("tenant id of 64 characters → 404", 404, "not_found", () -> post("/t/" + "a".repeat(64) + "/token").form(CC));
        c.error("tenant id of 4,000 characters → 404", 404, "not_found",
                () -> post("/t/" + "a".repeat(4000) + "/token").form(CC));
        c.error("tenant id with percent-encoded UTF-8 → 404", 404, "not_found", () -> post("/t/b%C3%BCd/token").form(CC));
        c.error("tenant id with percent-encoded space → 404", 404, "not_found", () -> post("/t/b%20d/token").form(CC));
        c.error("trailing slash /token/ → 404", 404, "not_found", () -> post(P + "/").form(CC));
        c.error("/token/extra → 404", 404, "not_found", () -> post(P + "/extra").form(CC));
        c.error("/t/bad/TOKEN → 404", 404, "not_found", () -> post("/t/" + T + "/TOKEN").form(CC));
    }

    private static byte[] concat(String ascii, int... bytes) {
        byte[] a = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(a, a.length + bytes.length);
        for (int i = 0; i < bytes.length; i++) out[a.length + i] = (byte) bytes[i];
        return out;
    }
}
