package dev.tessera.keys;

/** Life of a signing key: published before it signs, published after it stops signing. */
public enum KeyState {
    /** Published in the JWKS, not yet signing. */
    NEXT,
    /** Signing, and published. */
    ACTIVE,
    /** No longer signing; published until every token it signed has expired. */
    RETIRED
}
