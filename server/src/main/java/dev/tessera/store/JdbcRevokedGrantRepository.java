package dev.tessera.store;

import dev.tessera.revocation.RevokedGrantRepository;
import dev.tessera.tenant.TenantId;
import java.time.Instant;

public final class JdbcRevokedGrantRepository implements RevokedGrantRepository {
    private final Jdbc jdbc;

    public JdbcRevokedGrantRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean markRevoked(TenantId tenant, String grantId, Instant now, Instant keepUntil) {
        return jdbc.insertIfAbsent("INSERT INTO revoked_grants (tenant_id, grant_id, revoked_at, expires_at) VALUES (?, ?, ?, ?)",
                tenant.value(), grantId, now.toEpochMilli(), keepUntil.toEpochMilli());
    }

    @Override
    public boolean isRevoked(TenantId tenant, String grantId) {
        return jdbc.queryOne("SELECT 1 FROM revoked_grants WHERE tenant_id = ? AND grant_id = ?", rs -> true,
                tenant.value(), grantId).isPresent();
    }

    @Override
    public int purgeExpired(Instant cutoff, int limit) {
        // the whole key: a grant id alone may recur in other tenants, which would delete more than limit rows
        return jdbc.update("DELETE FROM revoked_grants WHERE (tenant_id, grant_id) IN (SELECT tenant_id, grant_id "
                + "FROM revoked_grants WHERE expires_at < ? FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY) AND expires_at < ?",
                cutoff.toEpochMilli(), cutoff.toEpochMilli());
    }
}
