package dev.tessera.grant;

import dev.tessera.protocol.Scope;
import dev.tessera.token.IssuedToken;

/**
 * What a grant produced. {@code refreshToken} and {@code idToken} are null when not issued;
 * {@code tokenType} is the access token's RFC 6749 §7.1 type ({@code Bearer}, or {@code DPoP} for a
 * DPoP-bound token, RFC 9449 §5); {@code issuedTokenType} is RFC 8693 §2.2.1's
 * {@code issued_token_type}, null for grants other than token exchange.
 */
public record TokenResult(IssuedToken accessToken, String refreshToken, String idToken, Scope scope, String tokenType,
                          String issuedTokenType) {
    /** The usual result: the token type is the access token's, no {@code issued_token_type}. */
    public static TokenResult of(IssuedToken accessToken, String refreshToken, String idToken, Scope scope) {
        return new TokenResult(accessToken, refreshToken, idToken, scope, accessToken.tokenType(), null);
    }

    public TokenResult withIssuedTokenType(String uri) {
        return new TokenResult(accessToken, refreshToken, idToken, scope, tokenType, uri);
    }
}
