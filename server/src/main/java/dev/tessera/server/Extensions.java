package dev.tessera.server;

import dev.tessera.token.ClaimsCustomizer;
import java.util.List;

/**
 * What an embedder (or a test) adds to the server at start: claim sources run after Tessera's own,
 * in the order given. Spec: CONTRACT §7 (claims), RFC 9068 §2.2.3.
 */
public record Extensions(List<ClaimsCustomizer> claimsCustomizers) {
    public static final Extensions NONE = new Extensions(List.of());

    public Extensions {
        claimsCustomizers = List.copyOf(claimsCustomizers);
    }
}
