package dev.tessera.spec.badinput;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@Tag("rfc7662")
@Tag("rfc7009")
@DisplayName("CONTRACT §5 + RFC 7662 §2, RFC 7009 §2: malformed introspection and revocation requests")
class Contract5BadIntrospectionRevocationTest extends BadInputBattery {
    private static final String INTROSPECT = "/t/" + T + "/introspect";
    private static final String REVOKE = "/t/" + T + "/revoke";

    @Override
    void cases(Cases c) {
        for (String path : List.of(INTROSPECT, REVOKE)) {
            String name = path.substring(path.lastIndexOf('/'));
            requestErrors(c, name, path);
        }
        badTokens().forEach((name, token) -> {
            c.inactive("introspect " + name + " → 200 active:false",
                    () -> post(INTROSPECT).basic(jwtClient.clientId(), jwtClient.clientSecret()).form("token=" + token.get()));
            c.revokedAnyway("revoke " + name + " → 200",
                    () -> post(REVOKE).basic(jwtClient.clientId(), jwtClient.clientSecret()).form("token=" + token.get()));
        });
        c.inactive("introspect with a garbage token_type_hint → 200 active:false", () -> post(INTROSPECT)
                .basic(jwtClient.clientId(), jwtClient.clientSecret()).form("token=abc&token_type_hint=%7Bgarbage%7D"));
        c.prescribed("introspect a truncated JWT asking for a JWT answer → 200 RFC 9701 response", 200,
                "application/token-introspection+jwt", () -> post(INTROSPECT).basic(jwtClient.clientId(), jwtClient.clientSecret())
                        .header("Accept", "application/token-introspection+jwt").form("token=" + BadJwts.truncated(jwtToken)));
        c.inactive("introspect with a garbage Accept header → 200 active:false", () -> post(INTROSPECT)
                .basic(jwtClient.clientId(), jwtClient.clientSecret()).header("Accept", ";;;,,,/;q=x").form("token=abc"));
        c.revokedAnyway("revoke with token_type_hint of 5,000 characters → 200", () -> post(REVOKE)
                .basic(jwtClient.clientId(), jwtClient.clientSecret()).form("token=abc&token_type_hint=" + "h".repeat(5000)));
        c.error("revoke another client's opaque token → 400 unauthorized_client", 400, "unauthorized_client",
                () -> post(REVOKE).basic(jwtClient.clientId(), jwtClient.clientSecret()).form("token=" + opaqueToken));
        c.error("revoke another client's JWT → 400 unauthorized_client", 400, "unauthorized_client",
                () -> post(REVOKE).basic(opaqueClient.clientId(), opaqueClient.clientSecret()).form("token=" + jwtToken));
    }

    private void requestErrors(Cases c, String name, String path) {
        for (String m : List.of("GET", "PUT", "DELETE")) {
            c.error(m + " " + name + " → 405", 405, "invalid_request", () -> method(m, path));
        }
        Supplier<RawHttp.Request> authed = () -> post(path).basic(opaqueClient.clientId(), opaqueClient.clientSecret());
        c.error(name + ": JSON where a form is expected → 400", 400, "invalid_request",
                () -> authed.get().json("{\"token\":\"" + opaqueToken + "\"}"));
        c.error(name + ": no Content-Type → 400", 400, "invalid_request", () -> authed.get().body(null, "token=abc"));
        c.error(name + ": form body of 70 KB → 413", 413, "payload_too_large",
                () -> authed.get().form("token=" + "t".repeat(70_000)));
        c.error(name + ": no client authentication → 401", 401, "invalid_client", () -> post(path).form("token=abc"));
        c.error(name + ": Basic not base64 → 401", 401, "invalid_client",
                () -> post(path).header("Authorization", "Basic %%%").form("token=abc"));
        c.error(name + ": Basic without a colon → 401", 401, "invalid_client",
                () -> post(path).header("Authorization", "Basic " + b64(opaqueClient.clientId())).form("token=abc"));
        c.error(name + ": Basic of 12 KB → 401", 401, "invalid_client", () -> post(path)
                .header("Authorization", "Basic " + b64(opaqueClient.clientId() + ":" + "s".repeat(9000))).form("token=abc"));
        c.error(name + ": bearer token as client authentication → 401", 401, "invalid_client",
                () -> post(path).bearer(opaqueToken).form("token=abc"));
        c.error(name + ": garbage client_assertion → 401", 401, "invalid_client", () -> post(path)
                .form("token=abc&client_assertion_type=" + BadJwts.ASSERTION_TYPE + "&client_assertion=" + BadJwts.onlyDots()));
        c.error(name + ": truncated client_assertion → 401", 401, "invalid_client", () -> post(path)
                .form("token=abc&client_assertion_type=" + BadJwts.ASSERTION_TYPE + "&client_assertion=" + BadJwts.truncated(
                        BadJwts.signed(clientKey, BadJwts.assertionClaims(keyClient.clientId(), server.baseUrl + path), null))));
        c.error(name + ": missing token → 400", 400, "invalid_request", () -> authed.get().form("token_type_hint=access_token"));
        c.error(name + ": empty token → 400", 400, "invalid_request", () -> authed.get().form("token="));
        c.error(name + ": token repeated → 400", 400, "invalid_request", () -> authed.get().form("token=a&token=b"));
        c.error(name + ": token_type_hint repeated → 400", 400, "invalid_request",
                () -> authed.get().form("token=a&token_type_hint=access_token&token_type_hint=refresh_token"));
        c.error(name + ": invalid percent-encoding in token → 400", 400, "invalid_request", () -> authed.get().form("token=%G1"));
        c.error(name + ": percent-encoded NUL in token → 400", 400, "invalid_request", () -> authed.get().form("token=a%00b"));
        c.error(name + ": percent-encoded invalid UTF-8 in token → 400", 400, "invalid_request",
                () -> authed.get().form("token=%FF%FE"));
        c.error(name + ": unknown tenant → 404", 404, "not_found", () -> post("/t/nope" + name).form("token=abc"));
        c.error(name + ": invalid tenant id → 404", 404, "not_found", () -> post("/t/Bad_Tenant" + name).form("token=abc"));
    }

    /** Tokens the server cannot use; all form-safe (base64url, dots, percent-encoded). */
    private Map<String, Supplier<String>> badTokens() {
        Map<String, Supplier<String>> m = new LinkedHashMap<>();
        m.put("a garbage token", () -> "garbage");
        m.put("an unknown opaque-looking token", () -> "A".repeat(43));
        m.put("an opaque token with one character changed", () -> opaqueToken.substring(0, 42)
                + (opaqueToken.charAt(42) == 'A' ? 'B' : 'A'));
        m.put("an opaque token of 8,193 characters", () -> "A".repeat(8193));
        m.put("a token with spaces", () -> "a+b+c");
        m.put("a truncated JWT", () -> BadJwts.truncated(jwtToken));
        m.put("a JWT without signature", () -> BadJwts.unsigned(jwtToken));
        m.put("a JWT re-headed alg none", () -> BadJwts.algNone(jwtToken));
        m.put("a JWT with a swapped payload", () -> BadJwts.payloadSwapped(jwtToken, "{\"sub\":\"x\",\"exp\":99999999999}"));
        m.put("a JWT with a header that is not base64", BadJwts::headerNotBase64);
        m.put("a JWT with a header that is not JSON", BadJwts::headerNotJson);
        m.put("a JWT with a JSON array header", BadJwts::headerJsonArray);
        m.put("a JWT with a header nested 20,000 deep", () -> BadJwts.deeplyNestedHeader(20_000));
        m.put("five garbage JWE parts", BadJwts::fiveGarbageParts);
        m.put("only dots", BadJwts::onlyDots);
        m.put("a 40 KB JWT", BadJwts::huge);
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
