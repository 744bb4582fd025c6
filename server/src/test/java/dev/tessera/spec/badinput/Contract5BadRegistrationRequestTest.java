package dev.tessera.spec.badinput;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@Tag("rfc7591")
@Tag("rfc7592")
@DisplayName("CONTRACT §3, §5 + RFC 7591 §3, RFC 7592 §2: malformed registration and management requests")
class Contract5BadRegistrationRequestTest extends BadInputBattery {
    private static final String REGISTER = "/t/" + T + "/register";
    private static final String VALID = "{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}";

    @Override
    void cases(Cases c) {
        initialAccessTokens(c);
        registrationBodies(c);
        managementAuthorization(c);
        managementBodies(c);
    }

    private RawHttp.Request registerAsAdmin() {
        return post(REGISTER).bearer(admin);
    }

    private String self() {
        return REGISTER + "/" + opaqueClient.clientId();
    }

    private RawHttp.Request updateSelf() {
        return put(self()).bearer(opaqueClient.registrationAccessToken());
    }

    private void initialAccessTokens(Cases c) {
        c.error("register without a token → 401", 401, "invalid_token", () -> post(REGISTER).json(VALID));
        c.error("register with a garbage token → 401", 401, "invalid_token", () -> post(REGISTER).bearer("garbage").json(VALID));
        c.error("register with a truncated JWT → 401", 401, "invalid_token",
                () -> post(REGISTER).bearer(BadJwts.truncated(jwtToken)).json(VALID));
        c.error("register with an alg-none JWT → 401", 401, "invalid_token",
                () -> post(REGISTER).bearer(BadJwts.algNone(jwtToken)).json(VALID));
        c.error("register with a bearer JWT whose header nests 5,000 deep → 401", 401, "invalid_token",
                () -> post(REGISTER).bearer(BadJwts.deeplyNestedHeader(5000)).json(VALID));
        c.error("register with a non-admin access token → 401", 401, "invalid_token",
                () -> post(REGISTER).bearer(opaqueToken).json(VALID));
        c.error("register with a registration access token → 401", 401, "invalid_token",
                () -> post(REGISTER).bearer(opaqueClient.registrationAccessToken()).json(VALID));
        c.error("register with Basic admin credentials → 401", 401, "invalid_token", () -> post(REGISTER)
                .basic(dev.tessera.testing.TestServer.ADMIN_ID, dev.tessera.testing.TestServer.ADMIN_SECRET).json(VALID));
        c.error("register with 'Bearer' and no token → 401", 401, "invalid_token",
                () -> post(REGISTER).header("Authorization", "Bearer").json(VALID));
        c.error("register at an unknown tenant → 404", 404, "not_found", () -> post("/t/nope/register").bearer(admin).json(VALID));
        c.error("register at an invalid tenant id → 404", 404, "not_found",
                () -> post("/t/" + "x".repeat(200) + "/register").bearer(admin).json(VALID));
        for (String m : List.of("GET", "PUT", "DELETE")) {
            c.error(m + " /register → 405", 405, "invalid_request", () -> method(m, REGISTER).bearer(admin));
        }
    }

    private void registrationBodies(Cases c) {
        bodyErrors(c, "register", this::registerAsAdmin, VALID);
        c.error("register: escaped NUL in client_name → 400", 400, "invalid_request",
                () -> registerAsAdmin().json("{\"grant_types\":[\"client_credentials\"],\"client_name\":\"a\\u0000b\"}"));
        c.error("register: escaped ESC in a contacts entry → 400", 400, "invalid_request",
                () -> registerAsAdmin().json("{\"grant_types\":[\"client_credentials\"],\"contacts\":[\"a\\u001bb\"]}"));
    }

    /** Body errors shared by registration (POST) and update (PUT). */
    private void bodyErrors(Cases c, String what, Supplier<RawHttp.Request> request, String valid) {
        c.error(what + ": form where JSON is expected → 415", 415, "unsupported_media_type",
                () -> request.get().form("grant_types=client_credentials"));
        c.error(what + ": no Content-Type → 415", 415, "unsupported_media_type", () -> request.get().body(null, valid));
        c.error(what + ": JSON as text/plain → 415", 415, "unsupported_media_type", () -> request.get().body("text/plain", valid));
        c.error(what + ": empty body → 400", 400, "invalid_request", () -> request.get().json(""));
        c.error(what + ": garbage body → 400", 400, "invalid_request", () -> request.get().json("<xml/>"));
        c.error(what + ": JSON array → 400", 400, "invalid_request", () -> request.get().json("[" + valid + "]"));
        c.error(what + ": trailing garbage → 400", 400, "invalid_request", () -> request.get().json(valid + "}"));
        c.error(what + ": JSON nested 100,000 deep → 400", 400, "invalid_request", () -> request.get().json(
                "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        c.error(what + ": body of 300 KB → 413", 413, "payload_too_large",
                () -> request.get().json("{\"client_name\":\"" + "n".repeat(300_000) + "\"}"));
        c.error(what + ": invalid UTF-8 → 400", 400, "invalid_request", () -> request.get().body("application/json",
                new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xFF, '"', '}'}));
        c.error(what + ": duplicate member names → 400", 400, "invalid_request",
                () -> request.get().json(valid.replace("{", "{\"grant_types\":[],")));
        c.error(what + ": Content-Encoding deflate → 415", 415, "unsupported_media_type",
                () -> request.get().header("Content-Encoding", "deflate").json(valid));
    }

    private void managementAuthorization(Cases c) {
        c.error("read client without a token → 401", 401, "invalid_token", () -> get(self()));
        c.error("read client with a garbage token → 401", 401, "invalid_token", () -> get(self()).bearer("garbage"));
        c.error("read client with a truncated JWT → 401", 401, "invalid_token",
                () -> get(self()).bearer(BadJwts.truncated(jwtToken)));
        c.error("read client with another client's registration token → 401", 401, "invalid_token",
                () -> get(self()).bearer(jwtClient.registrationAccessToken()));
        c.error("read client with its access token → 401", 401, "invalid_token", () -> get(self()).bearer(opaqueToken));
        c.error("read client with a 12 KB token → 401", 401, "invalid_token", () -> get(self()).bearer("r".repeat(12_000)));
        c.error("read unknown client as admin → 404", 404, "not_found", () -> get(REGISTER + "/no-such-client").bearer(admin));
        c.error("read client id of 200 characters → 401", 401, "invalid_token",
                () -> get(REGISTER + "/" + "c".repeat(200)).bearer(admin));
        c.error("read client id with a control byte → 401", 401, "invalid_token", () -> get(REGISTER + "/a%01b").bearer(admin));
        c.error("read client id with percent-encoded UTF-8 → 401", 401, "invalid_token",
                () -> get(REGISTER + "/%C3%A9t%C3%A9").bearer(admin));
        c.error("read client path with an extra segment → 404", 404, "not_found", () -> get(self() + "/extra").bearer(admin));
        c.error("update client without a token → 401", 401, "invalid_token", () -> put(self()).json(VALID));
        c.error("update client with a garbage token and garbage body → 401", 401, "invalid_token",
                () -> put(self()).bearer("x").json("{{{"));
        c.error("delete client without a token → 401", 401, "invalid_token", () -> delete(self()));
        c.error("delete client with a garbage token → 401", 401, "invalid_token", () -> delete(self()).bearer("garbage"));
        c.error("delete client with an alg-none JWT → 401", 401, "invalid_token", () -> delete(self()).bearer(BadJwts.algNone(jwtToken)));
        c.error("delete client of an unknown tenant → 404", 404, "not_found",
                () -> delete("/t/nope/register/" + opaqueClient.clientId()).bearer(opaqueClient.registrationAccessToken()));
        c.error("POST to a client's URL → 405", 405, "invalid_request", () -> post(self()).bearer(admin).json(VALID));
        c.error("PATCH a client → 405", 405, "invalid_request", () -> method("PATCH", self()).bearer(admin).json(VALID));
    }

    private void managementBodies(Cases c) {
        String full = "{\"client_id\":\"%s\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read write\"%s}";
        bodyErrors(c, "update", this::updateSelf, "{\"client_id\":\"ID\",\"grant_types\":[\"client_credentials\"]}");
        c.error("update without client_id → 400", 400, "invalid_client_metadata", () -> updateSelf().json(VALID));
        c.error("update with another client_id → 400", 400, "invalid_client_metadata",
                () -> updateSelf().json(String.format(full, jwtClient.clientId(), "")));
        c.error("update with client_id as a number → 400", 400, "invalid_client_metadata",
                () -> updateSelf().json(VALID.replace("{", "{\"client_id\":42,")));
        c.error("update with a wrong client_secret → 400", 400, "invalid_client_metadata",
                () -> updateSelf().json(String.format(full, opaqueClient.clientId(), ",\"client_secret\":\"wrong\"")));
        c.error("update with client_secret as an array → 400", 400, "invalid_client_metadata",
                () -> updateSelf().json(String.format(full, opaqueClient.clientId(), ",\"client_secret\":[]")));
        c.error("update with grant_types as a number → 400", 400, "invalid_client_metadata", () -> updateSelf()
                .json("{\"client_id\":\"" + opaqueClient.clientId() + "\",\"grant_types\":7}"));
        c.error("update with token_endpoint_auth_method as an object → 400", 400, "invalid_client_metadata",
                () -> updateSelf().json(String.format(full, opaqueClient.clientId(), ",\"token_endpoint_auth_method\":{}")));
        c.error("update with a malformed scope → 400", 400, "invalid_client_metadata", () -> updateSelf()
                .json("{\"client_id\":\"" + opaqueClient.clientId() + "\",\"grant_types\":[\"client_credentials\"],\"scope\":\"a\\\\b\"}"));
        c.error("update with an escaped NUL in client_name → 400", 400, "invalid_request",
                () -> updateSelf().json(String.format(full, opaqueClient.clientId(), ",\"client_name\":\"\\u0000\"")));
    }
}
