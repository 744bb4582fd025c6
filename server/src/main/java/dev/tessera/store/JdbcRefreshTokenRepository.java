package dev.tessera.store;

import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.user.Authentication;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.RefreshTokenRecord;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.token.TokenHash;
import dev.tessera.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

public final class JdbcRefreshTokenRepository implements RefreshTokenRepository {
    private static final String COLS = "token_hash, grant_id, client_id, user_id, scope, resource, sid, offline, auth_time, "
            + "issued_at, expires_at, family_expires_at, consumed_at, revoked_at";
    private final Jdbc jdbc;

    public JdbcRefreshTokenRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(TenantId tenant, RefreshTokenRecord t) {
        var l = t.lifetime();
        jdbc.update("INSERT INTO refresh_tokens (tenant_id, " + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), t.hash().value(), t.grantId(), t.clientId().value(), t.authentication().userId().value(),
                t.scope().toString(), String.join(" ", t.resources()), t.authentication().sid(), t.offline(),
                t.authentication().authTime().toEpochMilli(), l.issuedAt().toEpochMilli(), l.expiresAt().toEpochMilli(),
                l.familyExpiresAt().toEpochMilli(), JdbcKeySetRepository.millis(l.consumedAt()),
                JdbcKeySetRepository.millis(l.revokedAt()));
    }

    @Override
    public Optional<RefreshTokenRecord> find(TenantId tenant, TokenHash hash) {
        return jdbc.queryOne("SELECT " + COLS + " FROM refresh_tokens WHERE tenant_id = ? AND token_hash = ?",
                JdbcRefreshTokenRepository::map, tenant.value(), hash.value());
    }

    @Override
    public boolean consume(TenantId tenant, TokenHash hash, Instant now) {
        return jdbc.update("UPDATE refresh_tokens SET consumed_at = ? WHERE tenant_id = ? AND token_hash = ? "
                + "AND consumed_at IS NULL AND revoked_at IS NULL", now.toEpochMilli(), tenant.value(), hash.value()) == 1;
    }

    @Override
    public int revokeFamily(TenantId tenant, String grantId, Instant now) {
        return jdbc.update("UPDATE refresh_tokens SET revoked_at = ? WHERE tenant_id = ? AND grant_id = ? AND revoked_at IS NULL",
                now.toEpochMilli(), tenant.value(), grantId);
    }

    @Override
    public int revokeSession(TenantId tenant, String sid, Instant now) {
        return jdbc.update("UPDATE refresh_tokens SET revoked_at = ? WHERE tenant_id = ? AND sid = ? AND offline = FALSE "
                + "AND revoked_at IS NULL", now.toEpochMilli(), tenant.value(), sid);
    }

    @Override
    public int revokeUser(TenantId tenant, UserId user, Instant now) {
        return jdbc.update("UPDATE refresh_tokens SET revoked_at = ? WHERE tenant_id = ? AND user_id = ? AND revoked_at IS NULL",
                now.toEpochMilli(), tenant.value(), user.value());
    }

    @Override
    public boolean revoke(TenantId tenant, TokenHash hash, Instant now) {
        return jdbc.update("UPDATE refresh_tokens SET revoked_at = ? WHERE tenant_id = ? AND token_hash = ? AND revoked_at IS NULL",
                now.toEpochMilli(), tenant.value(), hash.value()) == 1;
    }

    private static RefreshTokenRecord map(ResultSet rs) throws SQLException {
        String res = rs.getString("resource");
        List<String> resources = res == null || res.isEmpty() ? List.of() : Arrays.asList(res.split(" "));
        return new RefreshTokenRecord(new TokenHash(rs.getString("token_hash")), rs.getString("grant_id"),
                new ClientId(rs.getString("client_id")), Scope.parse(rs.getString("scope")), resources,
                new Authentication(new UserId(rs.getString("user_id")), rs.getString("sid"),
                        Instant.ofEpochMilli(rs.getLong("auth_time")), "pwd", null),
                rs.getBoolean("offline"),
                new RefreshTokenRecord.Lifetime(Instant.ofEpochMilli(rs.getLong("issued_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at")), Instant.ofEpochMilli(rs.getLong("family_expires_at")),
                        JdbcKeySetRepository.instant(Jdbc.nullableLong(rs, "consumed_at")),
                        JdbcKeySetRepository.instant(Jdbc.nullableLong(rs, "revoked_at"))));
    }
}
