package dev.tessera.grant;

import dev.tessera.protocol.Scope;
import dev.tessera.token.IssuedToken;

/** What a grant produced. {@code refreshToken} and {@code idToken} are null when not issued. */
public record TokenResult(IssuedToken accessToken, String refreshToken, String idToken, Scope scope) {}
