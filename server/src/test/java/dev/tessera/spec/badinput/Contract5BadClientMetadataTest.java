package dev.tessera.spec.badinput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@Tag("rfc7591")
@DisplayName("CONTRACT §3, §5 + RFC 7591 §2, §3.2.2: client metadata of a wrong JSON type or value → 400, nothing stored")
class Contract5BadClientMetadataTest extends BadInputBattery {
    private static final String REGISTER = "/t/" + T + "/register";
    private static final String BASE = "\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"";

    /** A valid client_credentials registration with {@code member} set to {@code value}. */
    private static String json(String member, String value) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("grant_types", "[\"client_credentials\"]");
        members.put("scope", "\"read\"");
        members.put(member, value);
        StringBuilder b = new StringBuilder("{");
        members.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    @Override
    void cases(Cases c) {
        wrongMembers().forEach((member, values) -> {
            for (String value : values) {
                String json = json(member, value);
                String error = member.equals("redirect_uris") ? "invalid_redirect_uri" : "invalid_client_metadata";
                String shown = value.length() > 40 ? value.substring(0, 30) + "…" : value;
                c.error("register " + member + ": " + shown + " → 400 " + error, 400, error,
                        () -> post(REGISTER).bearer(admin).json(json));
            }
        });
        c.error("register with both jwks and jwks_uri → 400", 400, "invalid_client_metadata", () -> post(REGISTER).bearer(admin)
                .json("{" + BASE + ",\"jwks\":{\"keys\":[" + clientKey.toPublicJWK().toJSONString()
                        + "]},\"jwks_uri\":\"https://keys.example/jwks\"}"));
        c.error("register private_key_jwt without keys → 400", 400, "invalid_client_metadata",
                () -> post(REGISTER).bearer(admin).json("{" + BASE + ",\"token_endpoint_auth_method\":\"private_key_jwt\"}"));
        c.error("register a public client for client_credentials → 400", 400, "invalid_client_metadata",
                () -> post(REGISTER).bearer(admin).json("{" + BASE + ",\"token_endpoint_auth_method\":\"none\"}"));
        c.error("register jwks holding a private key → 400", 400, "invalid_client_metadata",
                () -> post(REGISTER).bearer(admin).json("{" + BASE + ",\"token_endpoint_auth_method\":\"private_key_jwt\","
                        + "\"jwks\":{\"keys\":[" + clientKey.toJSONString() + "]}}"));
    }

    /** For every member Tessera reads: values of the wrong JSON type, and well-typed values it must refuse. */
    private static Map<String, List<String>> wrongMembers() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("redirect_uris", List.of("\"https://app.example/cb\"", "[1]", "[{}]", "[\"not a uri\"]",
                "[\"https://app.example/cb#frag\"]", "[\"javascript:alert(1)\"]", "[\"http://app.example/cb\"]", "[\"/relative\"]"));
        m.put("grant_types", List.of("\"client_credentials\"", "[1]", "[null]", "[\"urn:example:nope\"]", "{}", "true"));
        m.put("response_types", List.of("\"code\"", "[1]", "[\"token\"]", "{}"));
        m.put("token_endpoint_auth_method", List.of("1", "[\"client_secret_basic\"]", "\"client_secret_jwt\"",
                "\"tls_client_auth\"", "\"\"", "{}"));
        m.put("jwks", List.of("\"keys\"", "[]", "{\"keys\":\"x\"}", "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\"}]}", "{\"keys\":[1]}", "{}"));
        m.put("jwks_uri", List.of("1", "\"not a uri\"", "\"http://keys.example/jwks\"", "[\"https://keys.example/jwks\"]",
                "\"ftp://keys.example/jwks\"", "\"https://127.0.0.1/jwks\"", "\"https://[::1]/jwks\"", "\"https://10.0.0.1/jwks\"",
                "\"https://[::ffff:192.168.0.1]/jwks\"", "\"https://169.254.169.254/latest/meta-data/\"", "\"http://127.0.0.1/jwks\"",
                "\"https://user:pw@keys.example/jwks\""));
        m.put("scope", List.of("1", "[\"read\"]", "\"read \\\"x\\\"\"", "{}", "true"));
        m.put("client_name", List.of("1", "[]", "{}", "false"));
        m.put("client_name#en", List.of("5", "[\"x\"]"));
        m.put("tos_uri#de", List.of("{}"));
        m.put("client_uri", List.of("1", "\"not a uri\"", "[]"));
        m.put("logo_uri", List.of("true", "\"::::\""));
        m.put("tos_uri", List.of("[]", "2"));
        m.put("policy_uri", List.of("{}", "\"% %\""));
        m.put("contacts", List.of("\"ops@example.com\"", "[1]", "{}"));
        m.put("software_id", List.of("1", "[]"));
        m.put("software_version", List.of("[]", "{}"));
        m.put("software_statement", List.of("\"garbage\"", "1", "\"a.b.c\""));
        m.put("token_endpoint_auth_signing_alg", List.of("1", "[\"ES256\"]"));
        // OIDC Registration §2, RFC 9701 §6, CONTRACT §2: only what discovery offers (RS256, the tenant's algorithm)
        m.put("id_token_signed_response_alg", List.of("\"HS256\"", "\"none\"", "\"EdDSA\"", "1", "[\"RS256\"]", "null"));
        m.put("userinfo_signed_response_alg", List.of("\"HS256\"", "\"none\"", "\"PS256\"", "{}"));
        m.put("introspection_signed_response_alg", List.of("\"HS512\"", "\"none\"", "\"RS384\"", "true"));
        m.put("access_token_format", List.of("1", "\"xml\"", "true", "\"JWT\"", "[\"jwt\"]"));
        m.put("consent_required", List.of("\"yes\"", "1", "[]"));
        m.put("dpop_bound_access_tokens", List.of("\"true\"", "1", "{}"));
        m.put("tls_client_certificate_bound_access_tokens", List.of("\"yes\"", "0"));
        // issue 9 item 11: every numeric member is a JSON integer in its stated range (default_max_age: 0 to one year)
        List<String> numbers = new java.util.ArrayList<>(Cases.NUMBER_FORMS);
        numbers.addAll(List.of("31536001", "true", "[60]", "{}", "60.0"));
        m.put("default_max_age", numbers);
        return m;
    }
}
