package dev.tessera.binding;

/**
 * How an issued token is bound to its sender: not at all (a bearer token), to a DPoP key (RFC 9449,
 * {@code cnf.jkt}) or to a client certificate (RFC 8705, {@code cnf.x5t#S256}). The binding decides
 * the token's {@code token_type} and its {@code cnf} claim. Spec: RFC 7800; RFC 9449 §6; RFC 8705 §3.
 */
public sealed interface SenderBinding {
    /** The {@code cnf} claim as JSON, or null for a bearer token. */
    String cnfJson();

    /** RFC 6749 §7.1: the access token type the client presents the token with. */
    String tokenType();

    /** For audit events: none, dpop or mtls. */
    String kind();

    /** A bearer token: whoever holds it may use it. */
    record None() implements SenderBinding {
        public String cnfJson() { return null; }

        public String tokenType() { return "Bearer"; }

        public String kind() { return "none"; }
    }

    /** Bound to the DPoP key with this RFC 7638 thumbprint (base64url SHA-256). Spec: RFC 9449 §6.1. */
    record Dpop(String jkt) implements SenderBinding {
        public Dpop {
            if (jkt == null || !jkt.matches("[A-Za-z0-9_-]{43}")) throw new IllegalArgumentException("not a JWK SHA-256 thumbprint");
        }

        public String cnfJson() { return "{\"jkt\":\"" + jkt + "\"}"; }

        public String tokenType() { return "DPoP"; }

        public String kind() { return "dpop"; }
    }

    /** Bound to the client certificate with this SHA-256 thumbprint (base64url). Spec: RFC 8705 §3.1. */
    record Mtls(String x5tS256) implements SenderBinding {
        public Mtls {
            if (x5tS256 == null || !x5tS256.matches("[A-Za-z0-9_-]{43}")) {
                throw new IllegalArgumentException("not a certificate SHA-256 thumbprint");
            }
        }

        public String cnfJson() { return "{\"x5t#S256\":\"" + x5tS256 + "\"}"; }

        public String tokenType() { return "Bearer"; }

        public String kind() { return "mtls"; }
    }

    SenderBinding NONE = new None();
}
