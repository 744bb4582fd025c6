package dev.tessera.grant;

import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.Scope;

/** A refresh token request; {@code scope} empty keeps the original scope. Spec: RFC 6749 §6. */
public record RefreshTokenRequest(String refreshToken, Scope scope) implements GrantRequest {
    public static RefreshTokenRequest parse(FormParameters form) {
        return new RefreshTokenRequest(form.required("refresh_token"), Scope.parse(form.optional("scope")));
    }
}
