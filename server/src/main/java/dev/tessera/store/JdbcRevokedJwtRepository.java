package dev.tessera.store;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.RevokedJwtRepository;
import java.time.Instant;

public final class JdbcRevokedJwtRepository implements RevokedJwtRepository {
    private final Jdbc jdbc;

    public JdbcRevokedJwtRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean revoke(TenantId tenant, String jti, Instant expiresAt, Instant now) {
        return jdbc.insertIfAbsent("INSERT INTO revoked_jwts (tenant_id, jti, revoked_at, expires_at) VALUES (?, ?, ?, ?)",
                tenant.value(), jti, now.toEpochMilli(), expiresAt.toEpochMilli());
    }

    @Override
    public boolean isRevoked(TenantId tenant, String jti) {
        return jdbc.queryOne("SELECT 1 FROM revoked_jwts WHERE tenant_id = ? AND jti = ?", rs -> true,
                tenant.value(), jti).isPresent();
    }

    @Override
    public void recordGrant(TenantId tenant, String jti, String grantId, Instant expiresAt) {
        jdbc.update("INSERT INTO jwt_grants (tenant_id, jti, grant_id, expires_at) VALUES (?, ?, ?, ?)",
                tenant.value(), jti, grantId, expiresAt.toEpochMilli());
    }

    @Override
    public int revokeGrant(TenantId tenant, String grantId, Instant now) {
        return jdbc.update("INSERT INTO revoked_jwts (tenant_id, jti, revoked_at, expires_at) "
                + "SELECT g.tenant_id, g.jti, ?, g.expires_at FROM jwt_grants g WHERE g.tenant_id = ? AND g.grant_id = ? "
                + "AND g.expires_at > ? AND NOT EXISTS (SELECT 1 FROM revoked_jwts r WHERE r.tenant_id = g.tenant_id AND r.jti = g.jti)",
                now.toEpochMilli(), tenant.value(), grantId, now.toEpochMilli());
    }

    @Override
    public int purgeExpired(Instant cutoff, int limit) {
        jdbc.update("DELETE FROM jwt_grants WHERE expires_at < ?", cutoff.toEpochMilli());
        return jdbc.update("DELETE FROM revoked_jwts WHERE (tenant_id, jti) IN (SELECT tenant_id, jti FROM revoked_jwts "
                + "WHERE expires_at < ? FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY) AND expires_at < ?",
                cutoff.toEpochMilli(), cutoff.toEpochMilli());
    }
}
