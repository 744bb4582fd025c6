package dev.tessera.token;

/** A keyed hash of a secret value (token, secret, code): what is stored instead of the value. */
public record TokenHash(String value) {
    @Override
    public String toString() { return value; }
}
