package dev.tessera.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** A neutral response: status, headers, content type and body. Only {@code http/} writes it out. */
public record OAuthResponse(int status, Map<String, String> headers, String contentType, byte[] body) {
    public OAuthResponse {
        headers = Map.copyOf(headers);
    }

    public static OAuthResponse json(int status, String json) {
        return new OAuthResponse(status, Map.of(), "application/json;charset=UTF-8",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public OAuthResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new OAuthResponse(status, h, contentType, body);
    }
}
