package dev.tessera.token;

import dev.tessera.binding.SenderBinding;

/** A freshly minted access token: the value goes to the client once and is never stored. */
public record IssuedToken(String value, String format, TokenClaims claims, long expiresIn, SenderBinding binding) {
    /** RFC 6749 §7.1: the type the client uses it with ({@code Bearer}, {@code DPoP}). */
    public String tokenType() {
        return binding.tokenType();
    }
}
