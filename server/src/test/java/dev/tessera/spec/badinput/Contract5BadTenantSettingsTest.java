package dev.tessera.spec.badinput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

@Tag("contract5")
@DisplayName("CONTRACT §5, §7: every tenant setting with a wrong JSON type or value → 400 problem, nothing stored")
class Contract5BadTenantSettingsTest extends BadInputBattery {
    private static final String TENANTS = "/admin/v1/tenants/";

    @Override
    void cases(Cases c) {
        wrongValues().forEach((setting, values) -> {
            for (String value : values) {
                String json = setting.equals("displayName") ? "{\"displayName\":" + value + "}"
                        : "{\"displayName\":\"Fresh\",\"" + setting + "\":" + value + "}";
                String shown = value.length() > 30 ? value.substring(0, 12) + "… (" + value.length() + " chars)" : value;
                c.problem("new tenant, " + setting + ": " + shown + " → 400", 400,
                        () -> put(TENANTS + "fresh").bearer(admin).json(json));
            }
        });
        c.problem("new tenant, an unknown setting → 400", 400,
                () -> put(TENANTS + "fresh").bearer(admin).json("{\"displayName\":\"F\",\"colour\":\"blue\"}"));
        c.problem("new tenant, a setting name in snake_case → 400", 400,
                () -> put(TENANTS + "fresh").bearer(admin).json("{\"display_name\":\"F\"}"));
        c.problem("new tenant, empty object (no displayName) → 400", 400, () -> put(TENANTS + "fresh").bearer(admin).json("{}"));
        c.problem("new tenant, idle refresh TTL above the maximum → 400", 400, () -> put(TENANTS + "fresh").bearer(admin)
                .json("{\"displayName\":\"F\",\"refreshTokenIdleTtlSeconds\":7200,\"refreshTokenMaxTtlSeconds\":3600}"));
        c.problem("existing tenant, accessTokenTtlSeconds as a string → 400", 400,
                () -> put(TENANTS + T).bearer(admin).json("{\"displayName\":\"bad\",\"accessTokenTtlSeconds\":\"60\"}"));
        c.problem("existing tenant, signingAlgorithm none → 400", 400,
                () -> put(TENANTS + T).bearer(admin).json("{\"displayName\":\"bad\",\"signingAlgorithm\":\"none\"}"));
        c.problem("existing tenant, accessTokenFormat as an array → 400", 400,
                () -> put(TENANTS + T).bearer(admin).json("{\"displayName\":\"bad\",\"accessTokenFormat\":[\"jwt\"]}"));
        c.problem("system tenant, displayName as an object → 400", 400,
                () -> put(TENANTS + "system").bearer(admin).json("{\"displayName\":{\"x\":1}}"));
    }

    private static Map<String, List<String>> wrongValues() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("displayName", List.of("42", "true", "[\"F\"]", "{}", "null", "\"\"", "\"   \"", "\"" + "F".repeat(201) + "\""));
        m.put("accessTokenTtlSeconds", List.of("\"300\"", "300.5", "1e3", "true", "[300]", "{}", "-1", "0", "9", "86401",
                "2147483648", "9223372036854775808", "1000000000000000000000000000000"));
        m.put("refreshTokenIdleTtlSeconds", List.of("\"x\"", "59", "false", "31536001"));
        m.put("refreshTokenMaxTtlSeconds", List.of("[]", "-60", "1.0E9"));
        m.put("defaultAudience", List.of("5", "[\"https://api.example\"]", "\"\"", "\" \"", "\"" + "a".repeat(501) + "\"",
                "{\"aud\":\"x\"}"));
        m.put("accessTokenFormat", List.of("1", "\"JWT\"", "\"xml\"", "\"\"", "true"));
        m.put("signingAlgorithm", List.of("\"none\"", "\"HS256\"", "\"es256\"", "256", "[\"ES256\"]", "\"RS256 \""));
        m.put("revocationStalenessSeconds", List.of("\"30\"", "-1", "3601", "1.5", "[30]"));
        m.put("sessionIdleTtlSeconds", List.of("59", "2592001", "true"));
        m.put("sessionMaxTtlSeconds", List.of("59", "31536001", "[]"));
        // issue 9 item 11: every numeric setting refuses overflow, negative, fractional and string forms
        for (String setting : List.of("accessTokenTtlSeconds", "refreshTokenIdleTtlSeconds", "refreshTokenMaxTtlSeconds",
                "revocationStalenessSeconds", "sessionIdleTtlSeconds", "sessionMaxTtlSeconds")) {
            List<String> values = new java.util.ArrayList<>(m.get(setting));
            for (String form : Cases.NUMBER_FORMS) if (!values.contains(form)) values.add(form);
            m.put(setting, values);
        }
        m.put("auditRetentionDays", List.of("\"90\"", "0", "-1", "3651", "90.5", "1e2", "true", "[90]", "{}",
                "2147483648", "1000000000000000000000000000000"));
        return m;
    }
}
