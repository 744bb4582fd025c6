package dev.tessera.authorize;

import dev.tessera.protocol.ClientRedirect;
import dev.tessera.protocol.ErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The response to the client: its parameters (always with {@code iss}, RFC 9207 §2) delivered by
 * redirect (query) or auto-submitted form (OAuth 2.0 Form Post Response Mode).
 */
public record AuthorizationResponse(ClientRedirect to, Map<String, String> params) {
    public AuthorizationResponse {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static AuthorizationResponse success(ClientRedirect to, String code, String issuer) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("code", code);
        if (to.state() != null) p.put("state", to.state());
        p.put("iss", issuer);
        return new AuthorizationResponse(to, p);
    }

    public static AuthorizationResponse error(ClientRedirect to, ErrorCode error, String description, String issuer) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("error", error.code());
        if (description != null) p.put("error_description", description);
        if (to.state() != null) p.put("state", to.state());
        p.put("iss", issuer);
        return new AuthorizationResponse(to, p);
    }

    public boolean isFormPost() {
        return "form_post".equals(to.responseMode());
    }

    /** The redirect URI with the parameters added to its query (RFC 6749 §3.1.2: keep its own query). */
    public String redirectLocation() {
        StringBuilder b = new StringBuilder(to.redirectUri());
        boolean hasQuery = to.redirectUri().indexOf('?') >= 0;
        for (Map.Entry<String, String> e : params.entrySet()) {
            b.append(hasQuery ? '&' : '?');
            hasQuery = true;
            b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
