package dev.tessera.tokenhandler;

import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Token-handler apps and their cookie-encryption keys. Every method names its tenant. Spec: CONTRACT §6.2. */
public interface TokenHandlerRepository {
    Optional<TokenHandlerApp> find(TenantId tenant, TokenHandlerAppId app);

    /** The tenant's apps, ordered by id. */
    List<TokenHandlerApp> list(TenantId tenant);

    /** Stores a new app with its first (current) key; false if the id or the cookie prefix is taken in the tenant. */
    boolean insert(TenantId tenant, TokenHandlerApp app, TokenHandlerKey firstKey);

    /** Replaces an app's settings; false if there is no such app or its new cookie prefix is taken. */
    boolean update(TenantId tenant, TokenHandlerApp app);

    /** Removes the app and its keys; false if there was no such app. */
    boolean delete(TenantId tenant, TokenHandlerAppId app);

    /** The app's keys, current first. */
    List<TokenHandlerKey> keys(TenantId tenant, TokenHandlerAppId app);

    /**
     * In one transaction: drops the keys expired at {@code now}, gives the current key {@code previousExpiresAt}
     * and stores {@code next} as the current key. False (nothing changed) if the app has no current key,
     * e.g. because a concurrent rotation won.
     */
    boolean rotateKey(TenantId tenant, TokenHandlerAppId app, TokenHandlerKey next, Instant previousExpiresAt, Instant now);
}
