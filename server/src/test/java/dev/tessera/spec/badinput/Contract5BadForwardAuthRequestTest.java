package dev.tessera.spec.badinput;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

/**
 * Garbage at forward-auth and at the JWT form of introspection: any method, header, cookie, token,
 * query or path gets 401/403/405 (or 400 for a malformed scope the gateway configured), or the
 * prescribed 200/204; never a 5xx. (Inputs every endpoint answers alike before forward-auth runs, such
 * as unknown tenants, broken percent-encoding and oversized headers, are in the other batteries and
 * in {@code ForwardAuthContract6_1Test}.)
 */
@Tag("contract5")
@Tag("contract6")
@DisplayName("CONTRACT §5 + §6.1, §6.3: malformed forward-auth requests and JWT-form introspection")
class Contract5BadForwardAuthRequestTest extends BadInputBattery {
    private static final String FA = "/t/" + T + "/forward-auth";
    private static final String INTROSPECT = "/t/" + T + "/introspect";

    @Override
    void cases(Cases c) {
        methods(c);
        headers(c);
        tokens(c);
        queriesAndPaths(c);
        jwtForm(c);
    }

    private RawHttp.Request valid(String method, String path) {
        return method(method, path).bearer(opaqueToken);
    }

    private void methods(Cases c) {
        for (String m : List.of("TRACE", "PROPFIND", "CONNECT-X")) {
            c.error(m + " forward-auth → 405", 405, "invalid_request", () -> valid(m, FA));
        }
        c.error("method name of 2,000 characters at forward-auth → 405", 405, "invalid_request", () -> valid("X".repeat(2000), FA));
        c.error("X-Forwarded-Method TRACE → 405", 405, "invalid_request", () -> valid("GET", FA).header("X-Forwarded-Method", "TRACE"));
        c.error("X-Original-Method CONNECT → 405", 405, "invalid_request", () -> valid("GET", FA).header("X-Original-Method", "CONNECT"));
        c.error("X-Forwarded-Method of 5,000 characters → 405", 405, "invalid_request",
                () -> valid("GET", FA).header("X-Forwarded-Method", "G".repeat(5000)));
        c.error("X-Forwarded-Method with Latin-1 bytes → 405", 405, "invalid_request", () -> valid("GET", FA)
                .headerLine("X-Forwarded-Method: G\u00e9T".getBytes(StandardCharsets.ISO_8859_1)));
        c.error("X-Original-Method listing two methods → 405", 405, "invalid_request",
                () -> valid("POST", FA).header("X-Original-Method", "GET, POST"));
        c.forwarded("X-Forwarded-Method in lower case with a valid token → 200",
                () -> valid("GET", FA).header("X-Forwarded-Method", "delete"));
        c.forwarded("blank X-Original-Method with a valid token → 200 (the call's method)",
                () -> valid("PATCH", FA).header("X-Original-Method", "   "));
    }

    private void headers(Cases c) {
        c.challenge("no Authorization → 401 without error", 401, null, () -> get(FA));
        c.challenge("'Bearer' without a token → 401 without error", 401, null, () -> get(FA).header("Authorization", "Bearer"));
        c.challenge("'Bearer' and spaces → 401 without error", 401, null, () -> get(FA).header("Authorization", "Bearer      "));
        c.challenge("Basic credentials → 401 without error", 401, null, () -> get(FA).header("Authorization", "Basic " + b64("a:b")));
        c.challenge("Bearer after a tab → 401 without error", 401, null, () -> get(FA).header("Authorization", "Bearer\t" + opaqueToken));
        c.challenge("DPoP scheme → 401 without error", 401, null, () -> get(FA).header("Authorization", "DPoP " + opaqueToken));
        c.challenge("garbage Authorization of 12 KB → 401 without error", 401, null,
                () -> get(FA).header("Authorization", "x".repeat(12_000)));
        c.challenge("Authorization 'Bearer a b c' → 401 invalid_token", 401, "invalid_token",
                () -> get(FA).header("Authorization", "Bearer a b c"));
        c.challenge("bearer token of 12 KB → 401 invalid_token", 401, "invalid_token", () -> get(FA).bearer("A".repeat(12_000)));
        c.challenge("bearer token of Latin-1 bytes → 401 invalid_token", 401, "invalid_token", () -> get(FA)
                .headerLine(("Authorization: Bearer " + opaqueToken.substring(1) + "\u00ff").getBytes(StandardCharsets.ISO_8859_1)));
        c.challenge("two Authorization headers, the first garbage → 401 invalid_token", 401, "invalid_token",
                () -> get(FA).bearer("garbage").bearer(opaqueToken));
        c.challenge("garbage Cookie without a token → 401 without error", 401, null,
                () -> get(FA).header("Cookie", ";;;===; a=\"unterminated; \u0001=x".replace("\u0001", "b")));
        c.challenge("Cookie of 12 KB without a token → 401 without error", 401, null,
                () -> get(FA).header("Cookie", "c=" + "z".repeat(12_000)));
        c.forwarded("valid token with a garbage Cookie → 200", () -> valid("GET", FA).header("Cookie", "=;=;;a=b=c; __Host-x"));
        c.forwarded("valid token with garbage Origin, Accept and X-Forwarded-* → 200", () -> valid("GET", FA)
                .header("Origin", "null").header("Accept", ";;;,,/;q=x").header("X-Forwarded-Uri", "%%%")
                .header("X-Forwarded-Host", "\"<>\""));
        c.forwarded("valid token on a POST with a 100 KB body → 200 (the body is not read)",
                () -> valid("POST", FA).json("{\"a\":\"" + "b".repeat(100_000) + "\"}"));
    }

    private void tokens(Cases c) {
        badTokens().forEach((name, token) ->
                c.challenge("forward-auth with " + name + " → 401 invalid_token", 401, "invalid_token", () -> get(FA).bearer(token.get())));
    }

    private void queriesAndPaths(Cases c) {
        c.error("scope repeated → 400", 400, "invalid_request", () -> valid("GET", FA + "?scope=read&scope=read"));
        c.error("scope with a quote → 400", 400, "invalid_request", () -> valid("GET", FA + "?scope=%22read%22"));
        c.error("scope with a backslash → 400", 400, "invalid_request", () -> valid("GET", FA + "?scope=a%5C"));
        c.error("scope of invalid UTF-8 → 400", 400, "invalid_request", () -> valid("GET", FA + "?scope=%FF%FE"));
        c.error("scope token of 300 characters → 400", 400, "invalid_request", () -> valid("GET", FA + "?scope=" + "s".repeat(300)));
        c.challenge("400 scopes the token lacks → 403 insufficient_scope", 403, "insufficient_scope",
                () -> valid("GET", FA + "?scope=" + String.join("+", java.util.Collections.nCopies(400, "write"))
                        + "+" + String.join("+", java.util.stream.IntStream.range(0, 400).mapToObj(i -> "s" + i).toList())));
        c.forwarded("a query of only separators → 200", () -> valid("GET", FA + "?&&&=&"));
        c.forwarded("scopes= (another parameter) → 200", () -> valid("GET", FA + "?scopes=admin&xscope=admin"));
        c.forwarded("a path of 2,000 characters below forward-auth → 200", () -> valid("GET", FA + "/" + "p/".repeat(1000)));
        c.forwarded("an encoded space and unicode below forward-auth → 200", () -> valid("DELETE", FA + "/a%20b/%C3%A9"));
    }

    private void jwtForm(Cases c) {
        Supplier<RawHttp.Request> authed = () -> post(INTROSPECT).basic(opaqueClient.clientId(), opaqueClient.clientSecret())
                .header("Accept", "application/jwt");
        badTokens().forEach((name, token) ->
                c.noContent("JWT form of " + name + " → 204", () -> authed.get().form("token=" + token.get())));
        c.prescribed("JWT form of an active token → 200 application/jwt", 200, "application/jwt",
                () -> authed.get().form("token=" + opaqueToken));
        c.noContent("JWT form with a garbage Accept parameter → 204", () -> post(INTROSPECT)
                .basic(opaqueClient.clientId(), opaqueClient.clientSecret()).header("Accept", "application/jwt;;;q=x,,")
                .form("token=garbage"));
    }

    /** Tokens forward-auth cannot use; all header- and form-safe. */
    private Map<String, Supplier<String>> badTokens() {
        Map<String, Supplier<String>> m = new LinkedHashMap<>();
        m.put("a garbage token", () -> "garbage");
        m.put("an unknown opaque-looking token", () -> "A".repeat(43));
        m.put("an opaque token with one character changed", () -> opaqueToken.substring(0, 42)
                + (opaqueToken.charAt(42) == 'A' ? 'B' : 'A'));
        m.put("an opaque token of 8,193 characters", () -> "A".repeat(8193));
        m.put("a truncated JWT", () -> BadJwts.truncated(jwtToken));
        m.put("a JWT without signature", () -> BadJwts.unsigned(jwtToken));
        m.put("a JWT re-headed alg none", () -> BadJwts.algNone(jwtToken));
        m.put("a JWT with a swapped payload", () -> BadJwts.payloadSwapped(jwtToken, "{\"sub\":\"x\",\"exp\":99999999999}"));
        m.put("a JWT with a header that is not base64", BadJwts::headerNotBase64);
        m.put("a JWT with a header that is not JSON", BadJwts::headerNotJson);
        m.put("a JWT with a JSON array header", BadJwts::headerJsonArray);
        m.put("a JWT with a header nested 3,000 deep", () -> BadJwts.deeplyNestedHeader(3_000));
        m.put("five garbage JWE parts", BadJwts::fiveGarbageParts);
        m.put("only dots", BadJwts::onlyDots);
        m.put("an HS256 JWT with a guessed secret", () -> BadJwts.hmac(forgedClaims(), new JOSEObjectType("at+jwt")));
        m.put("a JWT signed by a stranger", () -> BadJwts.signedByStranger("k", forgedClaims(), new JOSEObjectType("at+jwt")));
        m.put("a JWT with an unknown critical header", () -> BadJwts.unknownCritical(clientKey, forgedClaims()));
        m.put("the system tenant's admin token", () -> admin);
        m.put("a registration access token", () -> opaqueClient.registrationAccessToken());
        return m;
    }

    private JWTClaimsSet forgedClaims() {
        return new JWTClaimsSet.Builder().issuer(server.issuer(T)).subject(jwtClient.clientId()).claim("tenant_id", T)
                .claim("client_id", jwtClient.clientId()).jwtID("forged").claim("scope", "read write")
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build();
    }
}
