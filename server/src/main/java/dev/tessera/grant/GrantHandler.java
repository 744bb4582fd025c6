package dev.tessera.grant;

import dev.tessera.protocol.FormParameters;

/** One grant type: parsing (protocol only) apart from handling (policy only). Never sees HTTP. */
public interface GrantHandler<R extends GrantRequest> {
    GrantType type();

    R parse(FormParameters form);

    TokenResult handle(R request, GrantContext ctx);
}
