package dev.tessera.token;

/** A freshly minted access token: the value goes to the client once and is never stored. */
public record IssuedToken(String value, String format, TokenClaims claims, long expiresIn) {}
