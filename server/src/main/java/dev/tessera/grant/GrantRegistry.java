package dev.tessera.grant;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.FeatureSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grants this server handles, wired at start (a new grant is one class and one line in the
 * composition root); the single source of {@code grant_types_supported}. A grant whose feature is
 * not enabled is not registered.
 */
public final class GrantRegistry {
    private final Map<String, GrantHandler<?>> handlers = new LinkedHashMap<>();

    public GrantRegistry(List<GrantHandler<?>> handlers, FeatureSet features) {
        for (GrantHandler<?> h : handlers) {
            if (!features.enabled(h.type().feature())) continue;
            if (this.handlers.putIfAbsent(h.type().uri(), h) != null) {
                throw new IllegalArgumentException("two handlers for grant type " + h.type().uri());
            }
        }
    }

    public GrantRegistry(List<GrantHandler<?>> handlers) {
        this(handlers, FeatureSet.STABLE);
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
