package dev.tessera.grant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The grants this server handles, wired at start; the single source of {@code grant_types_supported}. */
public final class GrantRegistry {
    private final Map<String, GrantHandler<?>> handlers = new LinkedHashMap<>();

    public GrantRegistry(List<GrantHandler<?>> handlers) {
        for (GrantHandler<?> h : handlers) this.handlers.put(h.type().uri(), h);
    }

    /** Spec: RFC 6749 §5.2 {@code unsupported_grant_type}. */
    public GrantHandler<?> find(String grantType) {
        GrantHandler<?> h = handlers.get(grantType);
        if (h == null) {
            throw new OAuthException(ErrorCode.UNSUPPORTED_GRANT_TYPE, "The grant type is not supported");
        }
        return h;
    }

    public List<String> supported() {
        return new ArrayList<>(handlers.keySet());
    }
}
