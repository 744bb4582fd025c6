package dev.tessera.grant;

import dev.tessera.binding.SenderBinding;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.token.AccessTokenRequest;
import java.time.Clock;

/** Everything a grant handler may know about the request beyond its parameters. */
public record GrantContext(TenantId tenant, TenantSettings settings, AuthenticatedClient client,
                           SenderBinding binding, Clock clock) {
    /** An access-token request for the authenticated client, with its format and this request's binding. */
    public AccessTokenRequest.Builder accessToken(String grantType, String subject) {
        return AccessTokenRequest.builder(tenant, settings)
                .client(client.clientId(), client.client().accessTokenFormat())
                .grantType(grantType)
                .subject(subject)
                .binding(binding);
    }
}
