package dev.tessera.user;

/**
 * A parsed user filter (SCIM RFC 7644 §3.4.2.2 subset), translated to SQL by the store.
 * Attributes: {@code userName}, {@code externalId}, {@code emails.value}, {@code id}, {@code active}.
 */
public sealed interface UserFilter {
    enum Attribute { USER_NAME, EXTERNAL_ID, EMAIL, ID, ACTIVE }

    enum Operator { EQ, NE, CO, SW, EW, PR }

    record Compare(Attribute attribute, Operator op, Object value) implements UserFilter {}

    record And(UserFilter left, UserFilter right) implements UserFilter {}

    record Or(UserFilter left, UserFilter right) implements UserFilter {}

    record Not(UserFilter inner) implements UserFilter {}

    /** Matches every user. */
    record All() implements UserFilter {}
}
