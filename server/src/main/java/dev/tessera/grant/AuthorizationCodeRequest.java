package dev.tessera.grant;

import dev.tessera.protocol.FormParameters;

/** An authorization code token request. Spec: RFC 6749 §4.1.3; RFC 7636 §4.5. */
public record AuthorizationCodeRequest(String code, String redirectUri, String codeVerifier) implements GrantRequest {
    public static AuthorizationCodeRequest parse(FormParameters form) {
        return new AuthorizationCodeRequest(form.required("code"), form.optional("redirect_uri"), form.optional("code_verifier"));
    }
}
