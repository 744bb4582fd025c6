package dev.tessera.authorize;

import dev.tessera.protocol.FormParameters;

/**
 * The parameters of an authorization request, from wherever they came: the browser's query (GET) or
 * form (POST), or, with pushed authorization requests, the request the client pushed before (RFC 9126
 * §4), which the validator then checks exactly like a direct one. Spec: RFC 6749 §3.1; RFC 9126 §4.
 */
public record AuthorizationParameters(FormParameters parameters, Source source) {
    public enum Source { QUERY, FORM, PUSHED }

    public static AuthorizationParameters query(String rawQuery) {
        return new AuthorizationParameters(FormParameters.parse(rawQuery == null ? "" : rawQuery), Source.QUERY);
    }

    public static AuthorizationParameters form(FormParameters form) {
        return new AuthorizationParameters(form, Source.FORM);
    }
}
