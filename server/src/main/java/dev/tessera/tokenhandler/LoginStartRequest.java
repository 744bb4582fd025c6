package dev.tessera.tokenhandler;

import dev.tessera.protocol.OAuthException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The optional body of {@code POST /login/start}: {@code {"extraParams": [{"key", "value"}, …]}},
 * runtime authorization request parameters (prompt, max_age, ui_locales, login_hint …) appended to the
 * URL. The parameters the agent sets itself cannot be overridden. Spec: CONTRACT §6.2; OIDC Core §3.1.2.1.
 */
public record LoginStartRequest(Map<String, String> extraParams) {
    static final int MAX_PARAMS = 20;
    static final Set<String> RESERVED = Set.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
            "code_challenge", "code_challenge_method", "response_mode", "request", "request_uri");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static final LoginStartRequest NONE = new LoginStartRequest(Map.of());

    public LoginStartRequest {
        extraParams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraParams));
    }

    public static LoginStartRequest parse(Map<String, Object> json) {
        for (String member : json.keySet()) {
            if (!member.equals("extraParams")) throw OAuthException.invalidRequest("Unknown member; allowed: extraParams");
        }
        Object v = json.get("extraParams");
        if (v == null) return NONE;
        if (!(v instanceof List<?> list) || list.size() > MAX_PARAMS) {
            throw OAuthException.invalidRequest("extraParams must be an array of at most " + MAX_PARAMS + " {key, value} objects");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || m.size() != 2 || !(m.get("key") instanceof String key)
                    || !(m.get("value") instanceof String value)) {
                throw OAuthException.invalidRequest("Each extra parameter must be {\"key\": string, \"value\": string}");
            }
            if (!KEY.matcher(key).matches() || value.length() > 2048) {
                throw OAuthException.invalidRequest("Extra parameter keys match [A-Za-z0-9_.-]{1,64}; values hold at most 2048 characters");
            }
            if (RESERVED.contains(key)) throw OAuthException.invalidRequest("The agent sets '" + key + "' itself");
            if (out.put(key, value) != null) throw OAuthException.invalidRequest("An extra parameter is repeated");
        }
        return new LoginStartRequest(out);
    }
}
