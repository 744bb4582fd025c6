package dev.tessera.spec.badinput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@Tag("rfc7644")
@DisplayName("CONTRACT §3, §5 + RFC 7644 §3.12: malformed SCIM requests get a SCIM 4xx error and change no user")
class Contract5BadScimRequestTest extends BadInputBattery {
    private static final String SCIM = "/t/" + T + "/scim/v2";
    private static final String USERS = SCIM + "/Users";
    private static final String JSON = "application/scim+json";
    private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String U = "{\"schemas\":[\"" + USER + "\"],";
    private static final String VALID = U + "\"userName\":\"fresh\"}";
    private String victim;

    @Override
    void prepare() {
        victim = http.post(USERS).bearer(admin).body(JSON, U + "\"userName\":\"victim\",\"password\":\"victim-password-1\","
                + "\"emails\":[{\"value\":\"v@example.com\",\"type\":\"work\"}]}").send().expectStatus(201).string("id");
    }

    @Override
    void cases(Cases c) {
        authentication(c);
        targets(c);
        filters(c);
        bodies(c);
        patches(c);
        preconditions(c);
    }

    private String victimPath() {
        return USERS + "/" + victim;
    }

    private void authentication(Cases c) {
        c.scim("list users without a token → 401", 401, null, () -> get(USERS));
        c.scim("create a user with a garbage token → 401", 401, null, () -> post(USERS).bearer("garbage").body(JSON, VALID));
        c.scim("create a user with a truncated JWT → 401", 401, null, () -> post(USERS).bearer(BadJwts.truncated(jwtToken)).body(JSON, VALID));
        c.scim("create a user with an alg-none JWT → 401", 401, null, () -> post(USERS).bearer(BadJwts.algNone(jwtToken)).body(JSON, VALID));
        c.scim("create a user with another tenant's token → 401", 401, null, () -> post(USERS).bearer(opaqueToken).body(JSON, VALID));
        c.scim("create a user with Basic admin credentials → 401", 401, null, () -> post(USERS)
                .basic(dev.tessera.testing.TestServer.ADMIN_ID, dev.tessera.testing.TestServer.ADMIN_SECRET).body(JSON, VALID));
        c.scim("delete a user without a token → 401", 401, null, () -> delete(victimPath()));
        c.scim("PATCH a user with a 12 KB bearer → 401", 401, null, () -> method("PATCH", victimPath()).bearer("A".repeat(12_000))
                .body(JSON, "{}"));
    }

    private void targets(Cases c) {
        c.scim("users of an unknown tenant → 404", 404, null, () -> get("/t/nope/scim/v2/Users").bearer(admin));
        c.scim("users of an invalid tenant id → 404", 404, null, () -> post("/t/UP_PER/scim/v2/Users").bearer(admin).body(JSON, VALID));
        c.scim("GET an unknown user → 404", 404, null, () -> get(USERS + "/00000000-0000-0000-0000-000000000000").bearer(admin));
        c.scim("PUT a user id of 300 characters → 404", 404, null, () -> put(USERS + "/" + "x".repeat(300)).bearer(admin).body(JSON, VALID));
        c.scim("DELETE an unknown user → 404", 404, null, () -> delete(USERS + "/nope").bearer(admin));
        c.scim("GET /Groups → 404", 404, null, () -> get(SCIM + "/Groups").bearer(admin));
        c.scim("POST /Bulk → 404", 404, null, () -> post(SCIM + "/Bulk").bearer(admin).body(JSON, "{}"));
        c.scim("GET an unknown schema → 404", 404, null, () -> get(SCIM + "/Schemas/urn:x:y").bearer(admin));
        c.scim("PATCH /Users → 405", 405, null, () -> method("PATCH", USERS).bearer(admin).body(JSON, "{}"));
        c.scim("DELETE /Users → 405", 405, null, () -> delete(USERS).bearer(admin));
        c.scim("POST /Users/{id} → 405", 405, null, () -> post(victimPath()).bearer(admin).body(JSON, VALID));
        c.scim("PUT /ServiceProviderConfig → 405", 405, null, () -> put(SCIM + "/ServiceProviderConfig").bearer(admin).body(JSON, "{}"));
        c.scim("filter on /Schemas → 403", 403, null, () -> get(SCIM + "/Schemas?filter=id%20pr").bearer(admin));
    }

    private void filters(Cases c) {
        List<String> bad = List.of("userName", "userName eq", "userName eq \"", "userName eq \"x\" and", "or", "and userName pr",
                "((((userName pr", "userName pr))))", "not", "not(", "not()", "userName eq \"x\" userName", "userName ~= \"x\"",
                "userName eq 'x'", "userName eq x", "\"userName\" pr", "userName eq \"\\uZZZZ\"", "userName eq \"\\", "emails[",
                "emails[]", "emails[value]", "emails[value eq \"x\"", "emails[value eq \"x\"]]", "emails[type eq \"x\"[value pr]]",
                "userName eq \"x\"\u0000", "[userName pr]", "::", "urn: pr", "urn:a:b:c:userName pr",
                "(".repeat(500) + "userName pr" + ")".repeat(500), "not(".repeat(200) + "userName pr" + ")".repeat(200),
                String.join(" or ", Collections.nCopies(300, "userName pr")), "userName eq \"" + "x".repeat(5000) + "\"",
                "userName eq 1e999999999", "active eq tru", "active eq \"false\"", "title pr", "userName gt \"a\"",
                "emails.type eq \"work\"", "meta.created gt \"2020\"", "id eq 7", "name.givenName sw \"V\"");
        for (int i = 0; i < bad.size(); i++) {
            String f = bad.get(i);
            String shown = f.length() > 40 ? f.substring(0, 40) + "… (" + f.length() + " chars)" : f;
            c.scim("filter #" + i + " '" + shown + "' → 400 invalidFilter", 400, "invalidFilter",
                    () -> get(USERS + "?filter=" + URLEncoder.encode(f, StandardCharsets.UTF_8)).bearer(admin));
        }
        c.scim(".search with a malformed filter → 400 invalidFilter", 400, "invalidFilter", () -> post(USERS + "/.search").bearer(admin)
                .body(JSON, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"userName eq\"}"));
        c.scim(".search without the SearchRequest schema → 400 invalidSyntax", 400, "invalidSyntax",
                () -> post(USERS + "/.search").bearer(admin).body(JSON, "{\"filter\":\"userName pr\"}"));
        c.scim("count=abc → 400 invalidValue", 400, "invalidValue", () -> get(USERS + "?count=abc").bearer(admin));
        c.scim("startIndex=1.5 → 400 invalidValue", 400, "invalidValue", () -> get(USERS + "?startIndex=1.5").bearer(admin));
    }

    private void bodies(Cases c) {
        List<String> syntax = List.of("", " ", "null", "true", "42", "\"str\"", "[]", "[{}]", "{", "}", "{\"schemas\":",
                "{'schemas':[]}", U + "\"userName\":\"a\",}", U + "\"userName\":\"a\"}}", "{}", "{\"schemas\":[]}",
                "{\"schemas\":null}", "{\"schemas\":[null]}", "{\"schemas\":[\"not a urn\"]}", U + "\"userName\":\"a\",\"USERNAME\":\"b\"}",
                "[".repeat(10_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000));
        for (int i = 0; i < syntax.size(); i++) {
            String b = syntax.get(i);
            String shown = b.length() > 30 ? b.substring(0, 30) + "… (" + b.length() + " chars)" : b;
            c.scim("POST body #" + i + " '" + shown + "' → 400 invalidSyntax", 400, "invalidSyntax",
                    () -> post(USERS).bearer(admin).body(JSON, b));
        }
        List<String> values = List.of(U + "\"userName\":null}", U + "\"userName\":[\"a\"]}", U + "\"userName\":\"\"}",
                U + "\"userName\":\"a\\u0000b\"}", U + "\"userName\":\"" + "u".repeat(300) + "\"}", U + "\"userName\":\"a\",\"active\":1}",
                U + "\"userName\":\"a\",\"emails\":\"a@b\"}", U + "\"userName\":\"a\",\"emails\":[[]]}", U + "\"userName\":\"a\",\"name\":[]}",
                U + "\"userName\":\"a\",\"shoeSize\":44}", U + "\"userName\":\"a\",\"urn:x:y\":{}}", U + "\"userName\":\"a\",\"password\":\"short\"}",
                U + "\"userName\":\"a\",\"password\":\"A\"}", U + "\"userName\":\"longenough\",\"password\":\"LONGENOUGH\"}",
                U + "\"userName\":\"a\",\"password\":{}}", U + "\"userName\":\"a\",\"externalId\":\"" + "e".repeat(300) + "\"}",
                U + "\"userName\":\"a\",\"emails\":[{\"value\":\"a\",\"primary\":true},{\"value\":\"b\",\"primary\":true}]}",
                "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"a\",\"" + ENTERPRISE + "\":{\"shoe\":1}}",
                U + "\"userName\":\"a\",\"emails\":[" + String.join(",", Collections.nCopies(101, "{\"value\":\"a@b\"}")) + "]}",
                // RFC 8265 §3.3: edge and double spaces, invisible and compatibility characters, a name that grows when mapped
                U + "\"userName\":\"fresh \"}", U + "\"userName\":\" fresh\"}", U + "\"userName\":\"fr  esh\"}",
                U + "\"userName\":\"fresh\\u3000\"}", U + "\"userName\":\"fr\\u200besh\"}", U + "\"userName\":\"\\ufb01\"}",
                U + "\"userName\":\"" + "\\u0130".repeat(200) + "\"}");
        for (int i = 0; i < values.size(); i++) {
            String b = values.get(i);
            String shown = b.length() > 70 ? b.substring(50, 70) + "… (" + b.length() + " chars)" : b.substring(50);
            c.scim("POST body with a bad value #" + i + " '" + shown + "' → 400 invalidValue", 400, "invalidValue",
                    () -> post(USERS).bearer(admin).body(JSON, b));
            c.scim("PUT body with a bad value #" + i + " → 400 invalidValue", 400, "invalidValue",
                    () -> put(victimPath()).bearer(admin).body(JSON, b));
        }
        c.scim("POST a duplicate userName (other case) → 409 uniqueness", 409, "uniqueness",
                () -> post(USERS).bearer(admin).body(JSON, U + "\"userName\":\"VICTIM\"}"));
        c.scim("POST a duplicate userName (fullwidth, RFC 8265) → 409 uniqueness", 409, "uniqueness",
                () -> post(USERS).bearer(admin).body(JSON, U + "\"userName\":\"\uff56\uff49\uff43\uff54\uff49\uff4d\"}"));
        c.scim("PUT changing id → 400 mutability", 400, "mutability",
                () -> put(victimPath()).bearer(admin).body(JSON, U + "\"userName\":\"victim\",\"id\":\"other\"}"));
        c.scim("POST a 300 KB body → 413", 413, null, () -> post(USERS).bearer(admin).body(JSON, U + "\"userName\":\"big\",\"title\":\""
                + "x".repeat(300_000) + "\"}"));
        c.scim("POST an extension of 70,000 characters → 413", 413, null, () -> post(USERS).bearer(admin).body(JSON,
                "{\"schemas\":[\"" + USER + "\",\"urn:a:b\"],\"userName\":\"ext\",\"urn:a:b\":{\"c\":\"" + "x".repeat(70_000) + "\"}}"));
        c.scim("POST without Content-Type → 415", 415, null, () -> post(USERS).bearer(admin).body(null, VALID));
        c.scim("POST as text/plain → 415", 415, null, () -> post(USERS).bearer(admin).body("text/plain", VALID));
        c.scim("POST as Latin-1 → 415", 415, null, () -> post(USERS).bearer(admin).body(JSON + "; charset=iso-8859-1", VALID));
        c.scim("POST invalid UTF-8 → 400 invalidSyntax", 400, "invalidSyntax", () -> post(USERS).bearer(admin)
                .body(JSON, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}));
    }

    private void patches(Cases c) {
        List<String> ops = List.of("[]", "{}", "[1]", "[null]", "[{}]", "[{\"op\":null}]", "[{\"op\":\"move\",\"path\":\"title\"}]",
                "[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\",\"extra\":1}]");
        for (int i = 0; i < ops.size(); i++) {
            String o = ops.get(i);
            c.scim("PATCH Operations " + o + " → 400 invalidSyntax", 400, "invalidSyntax", () -> patch(o));
        }
        c.scim("PATCH without the PatchOp schema → 400 invalidSyntax", 400, "invalidSyntax", () -> method("PATCH", victimPath())
                .bearer(admin).body(JSON, "{\"Operations\":[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]}"));
        c.scim("PATCH remove without a path → 400 noTarget", 400, "noTarget", () -> patch("[{\"op\":\"remove\"}]"));
        c.scim("PATCH replace with an unmatched value filter → 400 noTarget", 400, "noTarget",
                () -> patch("[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"none\\\"].value\",\"value\":\"x\"}]"));
        c.scim("PATCH after a good operation, remove without a path → 400 noTarget (all or nothing)", 400, "noTarget",
                () -> patch("[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"},{\"op\":\"remove\"}]"));
        for (String p : List.of("id", "meta", "meta.version", "groups")) {
            c.scim("PATCH replace readOnly " + p + " → 400 mutability", 400, "mutability",
                    () -> patch("[{\"op\":\"replace\",\"path\":\"" + p + "\",\"value\":\"x\"}]"));
        }
        List<String> paths = List.of("", "nope", "name.nope", "title.sub.sub", "emails[", "emails[type eq \\\"x\\\"]x", "title[value pr]",
                "urn:", ENTERPRISE + ":nope", "p".repeat(2000));
        for (int i = 0; i < paths.size(); i++) {
            String p = paths.get(i);
            c.scim("PATCH path #" + i + " → 400 invalidPath", 400, "invalidPath",
                    () -> patch("[{\"op\":\"add\",\"path\":\"" + p + "\",\"value\":\"x\"}]"));
        }
        List<String> values = List.of("[{\"op\":\"add\"}]", "[{\"op\":\"add\",\"path\":\"title\"}]", "[{\"op\":\"add\",\"value\":\"flat\"}]",
                "[{\"op\":\"remove\",\"path\":\"userName\"}]", "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":42}]",
                "[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}]", "[{\"op\":\"replace\",\"path\":\"emails\",\"value\":\"a@b\"}]",
                "[{\"op\":\"add\",\"path\":\"password\",\"value\":\"victim\"}]", "[{\"op\":\"add\",\"path\":\"" + ENTERPRISE + "\",\"value\":\"flat\"}]",
                "[" + String.join(",", Collections.nCopies(101, "{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}")) + "]");
        for (int i = 0; i < values.size(); i++) {
            String o = values.get(i);
            c.scim("PATCH bad value #" + i + " → 400 invalidValue", 400, "invalidValue", () -> patch(o));
        }
        c.scim("PATCH a malformed value filter → 400 invalidFilter", 400, "invalidFilter",
                () -> patch("[{\"op\":\"add\",\"path\":\"emails[type eq]\",\"value\":\"x\"}]"));
    }

    private void preconditions(Cases c) {
        String title = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]}";
        c.scim("PATCH with a stale If-Match → 412", 412, null, () -> method("PATCH", victimPath()).bearer(admin)
                .header("If-Match", "W/\"0\"").body(JSON, title));
        c.scim("PUT with a stale If-Match → 412", 412, null, () -> put(victimPath()).bearer(admin).header("If-Match", "W/\"9\"")
                .body(JSON, U + "\"userName\":\"victim\"}"));
        c.scim("DELETE with a garbage If-Match → 412", 412, null, () -> delete(victimPath()).bearer(admin).header("If-Match", "garbage"));
    }

    private RawHttp.Request patch(String operations) {
        return method("PATCH", victimPath()).bearer(admin)
                .body(JSON, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":" + operations + "}");
    }
}
