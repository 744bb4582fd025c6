package dev.tessera.user;

/** A user's immutable id (SCIM {@code id}, the {@code sub} of tokens). */
public record UserId(String value) {
    public UserId {
        if (value == null || value.isEmpty() || value.length() > 64) {
            throw new IllegalArgumentException("bad user id");
        }
    }

    @Override
    public String toString() { return value; }
}
