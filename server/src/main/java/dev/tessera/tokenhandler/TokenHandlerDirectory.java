package dev.tessera.tokenhandler;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tessera.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's token-handler apps with their opened cookie keys, on the request path, from a bounded
 * cache: changes made on this node take effect at once, on other nodes within {@link #STALENESS}, and a
 * cookie sealed with a key this node does not know yet (rotated on another node) reloads the tenant,
 * at most once per {@link #RELOAD_INTERVAL}.
 */
public final class TokenHandlerDirectory {
    public static final Duration STALENESS = Duration.ofSeconds(5);
    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

    /** An app and the keys that may open its cookies (the current one first). */
    public record Entry(TokenHandlerApp app, List<CookieCipher.CipherKey> keys) {
        public Entry {
            keys = List.copyOf(keys);
        }

        public TokenHandlerSettings settings() {
            return app.settings();
        }

        public CookieCipher.CipherKey currentKey() {
            return keys.get(0);
        }
    }

    private record Apps(List<Entry> entries, long loadedAtNanos) {}

    private final TokenHandlerRepository repository;
    private final TokenHandlerKeys keys;
    private final Cache<TenantId, Apps> cache = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(STALENESS).build();

    public TokenHandlerDirectory(TokenHandlerRepository repository, TokenHandlerKeys keys) {
        this.repository = repository;
        this.keys = keys;
    }

    /** The tenant's apps, ordered by id. */
    public List<Entry> apps(TenantId tenant) {
        return cache.get(tenant, this::load).entries();
    }

    public Optional<Entry> find(TenantId tenant, TokenHandlerAppId id) {
        return apps(tenant).stream().filter(e -> e.app().id().equals(id)).findFirst();
    }

    /** The entry again, reloaded if {@code sealed} names a key it lacks and the tenant was not reloaded just now. */
    public Entry forCookie(TenantId tenant, Entry entry, String sealed) {
        if (!CookieCipher.unknownKid(entry.keys(), sealed)) return entry;
        Apps cached = cache.getIfPresent(tenant);
        if (cached != null && System.nanoTime() - cached.loadedAtNanos() < RELOAD_INTERVAL.toNanos()) return entry;
        cache.invalidate(tenant);
        return find(tenant, entry.app().id()).orElse(entry);
    }

    public void invalidate(TenantId tenant) {
        cache.invalidate(tenant);
    }

    private Apps load(TenantId tenant) {
        List<Entry> out = new ArrayList<>();
        for (TokenHandlerApp app : repository.list(tenant)) {
            List<CookieCipher.CipherKey> opened = new ArrayList<>();
            for (TokenHandlerKey k : repository.keys(tenant, app.id())) opened.add(keys.open(tenant, app.id(), k));
            if (!opened.isEmpty() && opened.get(0).expiresAt() == null) out.add(new Entry(app, opened));
        }
        return new Apps(List.copyOf(out), System.nanoTime());
    }
}
