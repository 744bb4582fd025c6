package dev.tessera.store;

import dev.tessera.authorize.ConsentRepository;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.TenantId;
import dev.tessera.user.UserId;
import java.time.Instant;
import java.util.Optional;

public final class JdbcConsentRepository implements ConsentRepository {
    private final Jdbc jdbc;

    public JdbcConsentRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Scope> find(TenantId tenant, UserId user, ClientId client) {
        return jdbc.queryOne("SELECT scope FROM consents WHERE tenant_id = ? AND user_id = ? AND client_id = ?",
                rs -> Scope.parse(rs.getString(1)), tenant.value(), user.value(), client.value());
    }

    @Override
    public void grant(TenantId tenant, UserId user, ClientId client, Scope scope, Instant now) {
        Scope merged = find(tenant, user, client).map(old -> {
            var all = new java.util.ArrayList<>(old.values());
            all.addAll(scope.values());
            return Scope.of(all);
        }).orElse(scope);
        if (jdbc.update("UPDATE consents SET scope = ?, granted_at = ? WHERE tenant_id = ? AND user_id = ? AND client_id = ?",
                merged.toString(), now.toEpochMilli(), tenant.value(), user.value(), client.value()) == 0) {
            jdbc.insertIfAbsent("INSERT INTO consents (tenant_id, user_id, client_id, scope, granted_at) VALUES (?, ?, ?, ?, ?)",
                    tenant.value(), user.value(), client.value(), merged.toString(), now.toEpochMilli());
        }
    }

    @Override
    public void revokeAll(TenantId tenant, UserId user) {
        jdbc.update("DELETE FROM consents WHERE tenant_id = ? AND user_id = ?", tenant.value(), user.value());
    }
}
