package dev.tessera.grant;

import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.Param;
import dev.tessera.protocol.Scope;
import java.util.List;

/** A client credentials token request. Spec: RFC 6749 §4.4.2; RFC 8707 §2; RFC 8693 §2.1 (audience). */
public record ClientCredentialsRequest(Scope scope, List<String> audience) implements GrantRequest {
    public ClientCredentialsRequest {
        audience = List.copyOf(audience);
    }

    public static ClientCredentialsRequest parse(FormParameters form) {
        return new ClientCredentialsRequest(Scope.parse(form.optional(Param.SCOPE)), Audiences.parse(form));
    }
}
