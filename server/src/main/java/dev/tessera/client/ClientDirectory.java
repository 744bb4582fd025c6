package dev.tessera.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import java.time.Duration;
import java.util.Optional;

/** Clients on the request path, from a bounded cache; local changes take effect at once, remote ones within 5 s. */
public final class ClientDirectory {
    private record Key(TenantId tenant, ClientId clientId) {}

    private final ClientRepository repository;
    private final Cache<Key, Optional<Client>> cache = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(5)).build();

    public ClientDirectory(ClientRepository repository) {
        this.repository = repository;
    }

    public Optional<Client> find(TenantId tenant, ClientId clientId) {
        return cache.get(new Key(tenant, clientId), k -> repository.find(k.tenant(), k.clientId()));
    }

    public void invalidate(TenantId tenant, ClientId clientId) {
        cache.invalidate(new Key(tenant, clientId));
    }

    public void invalidateTenant(TenantId tenant) {
        cache.asMap().keySet().removeIf(k -> k.tenant().equals(tenant));
    }

    public ClientRepository repository() {
        return repository;
    }
}
