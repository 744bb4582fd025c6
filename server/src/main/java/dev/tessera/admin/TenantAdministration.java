package dev.tessera.admin;

import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.client.ClientDirectory;
import dev.tessera.introspection.TokenLookup;
import dev.tessera.keys.KeyService;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantRepository;
import dev.tessera.tenant.TenantSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Creates, updates and deletes tenants and keeps their keys and the caches in step.
 * Spec: CONTRACT §2, §3, §7.
 */
public final class TenantAdministration {
    public record Saved(Tenant tenant, boolean created) {}

    private final TenantRepository tenants;
    private final TenantDirectory directory;
    private final KeyService keys;
    private final ClientDirectory clients;
    private final TokenLookup tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final java.util.List<java.util.function.Consumer<TenantId>> deletionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TenantAdministration(TenantRepository tenants, TenantDirectory directory, KeyService keys,
                                ClientDirectory clients, TokenLookup tokens, AuditLog audit, Clock clock) {
        this.tenants = tenants;
        this.directory = directory;
        this.keys = keys;
        this.clients = clients;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** Also runs when a tenant is deleted (caches of other capabilities, wired by the composition root). */
    public void onDelete(java.util.function.Consumer<TenantId> listener) {
        deletionListeners.add(listener);
    }

    public Optional<Tenant> find(TenantId id) {
        return tenants.find(id);
    }

    public synchronized Saved put(TenantId id, TenantSettings settings) {
        // stored as epoch millis: answer the same instants a later read returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<Tenant> existing = tenants.find(id);
        Tenant saved;
        boolean created;
        if (existing.isEmpty()) {
            saved = new Tenant(id, settings, now, now);
            created = tenants.insert(saved);
            if (!created) {
                return put(id, settings);
            }
            keys.initialise(id, settings.signing().signingAlgorithm());
        } else {
            saved = new Tenant(id, settings, existing.get().createdAt(), now);
            tenants.update(saved);
            created = false;
            if (!existing.get().settings().signing().signingAlgorithm().equals(settings.signing().signingAlgorithm())) {
                keys.changeAlgorithm(id, settings.signing().signingAlgorithm());
            }
        }
        directory.invalidate(id);
        audit.emit(id, created ? "tenant.created" : "tenant.updated", AuditEvent.SUCCESS, null, null,
                Map.of("displayName", settings.displayName()));
        return new Saved(saved, created);
    }

    public boolean delete(TenantId id) {
        if (id.isSystem()) {
            throw new OAuthException(ErrorCode.CONFLICT, "Tenant 'system' cannot be deleted");
        }
        boolean deleted = tenants.delete(id);
        directory.invalidate(id);
        keys.invalidate(id);
        clients.invalidateTenant(id);
        tokens.evictTenant(id);
        deletionListeners.forEach(l -> l.accept(id));
        if (deleted) {
            audit.emit(id, "tenant.deleted", AuditEvent.SUCCESS, null, null, Map.of());
        }
        return deleted;
    }

    public void rotateKeys(TenantId id) {
        Tenant t = tenants.find(id).orElseThrow(() -> new OAuthException(ErrorCode.NOT_FOUND, "Unknown tenant"));
        keys.rotate(id, t.settings().signing().signingAlgorithm());
        audit.emit(id, "keys.rotated", AuditEvent.SUCCESS, null, null, Map.of("algorithm", t.settings().signing().signingAlgorithm()));
    }
}
