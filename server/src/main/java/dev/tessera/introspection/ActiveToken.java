package dev.tessera.introspection;

import dev.tessera.token.TokenClaims;

/** A token found active: its claims and format ("opaque" or "jwt"). */
public record ActiveToken(TokenClaims claims, String format) {}
