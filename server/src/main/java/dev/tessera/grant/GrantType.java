package dev.tessera.grant;

import dev.tessera.tenant.Feature;
import java.util.Set;

/**
 * What a grant declares about itself: its URI, whether public clients may use it, the token-request
 * parameters it reads (its {@code parse} sees no others), those it may repeat, and the feature it
 * belongs to. Discovery's {@code grant_types_supported} is generated from these.
 * Spec: RFC 6749 §3.2 (parameters of other grants are ignored, repeats refused).
 */
public record GrantType(String uri, ClientAuthRule clientAuth, Set<String> parameters, Set<String> repeatable, Feature feature) {
    public GrantType {
        parameters = Set.copyOf(parameters);
        repeatable = Set.copyOf(repeatable);
        if (!parameters.containsAll(repeatable)) throw new IllegalArgumentException("a repeatable parameter must be declared");
    }

    public enum ClientAuthRule { CONFIDENTIAL_ONLY, PUBLIC_ALLOWED }
}
