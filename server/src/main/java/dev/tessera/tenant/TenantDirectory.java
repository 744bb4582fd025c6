package dev.tessera.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.time.Duration;
import java.util.Optional;

/**
 * Resolves tenants on the request path from a bounded cache in front of the repository, so that
 * 10,000 tenants cost no more per request than one. Changes made on this node take effect at once;
 * on other nodes within {@link #STALENESS}.
 */
public final class TenantDirectory {
    public static final Duration STALENESS = Duration.ofSeconds(5);
    private final TenantRepository repository;
    private final Cache<TenantId, Optional<Tenant>> cache = Caffeine.newBuilder()
            .maximumSize(50_000).expireAfterWrite(STALENESS).build();

    public TenantDirectory(TenantRepository repository) {
        this.repository = repository;
    }

    public Optional<Tenant> find(TenantId id) {
        return cache.get(id, repository::find);
    }

    /** The tenant, or 404 {@code not_found} when it does not exist. */
    public Tenant require(String rawId) {
        if (!TenantId.isValid(rawId)) {
            throw new OAuthException(ErrorCode.NOT_FOUND, "Unknown tenant");
        }
        return find(new TenantId(rawId))
                .orElseThrow(() -> new OAuthException(ErrorCode.NOT_FOUND, "Unknown tenant"));
    }

    public void invalidate(TenantId id) {
        cache.invalidate(id);
    }
}
