package dev.tessera.grant;

import java.util.Set;

/**
 * What a grant declares about itself: its URI, whether public clients may use it, and the
 * parameters it may repeat. Discovery's {@code grant_types_supported} is generated from these.
 */
public record GrantType(String uri, ClientAuthRule clientAuth, Set<String> repeatable) {
    public GrantType {
        repeatable = Set.copyOf(repeatable);
    }

    public enum ClientAuthRule { CONFIDENTIAL_ONLY, PUBLIC_ALLOWED }
}
