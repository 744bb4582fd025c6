package dev.tessera.grant;

import dev.tessera.binding.SenderBinding;
import dev.tessera.client.AuthenticatedClient;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import java.time.Clock;

/** Everything a grant handler may know about the request beyond its parameters. */
public record GrantContext(TenantId tenant, TenantSettings settings, AuthenticatedClient client,
                           SenderBinding binding, Clock clock) {}
