package dev.tessera.binding;

/** How an issued token is bound to its sender. Spec: RFC 9449 (DPoP), RFC 8705 (mTLS); later issues add variants. */
public sealed interface SenderBinding {
    /** The {@code cnf} claim as JSON, or null for a bearer token. */
    String cnfJson();

    record None() implements SenderBinding {
        public String cnfJson() { return null; }
    }

    SenderBinding NONE = new None();
}
