package dev.tessera.store;

import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.AccessTokenRecord;
import dev.tessera.token.AccessTokenRepository;
import dev.tessera.token.CustomClaims;
import dev.tessera.token.TokenClaims;
import dev.tessera.token.TokenHash;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Opaque access tokens (claims, never the value; custom claims as JSON in {@code extra}). Saves go
 * through a group commit: concurrent issuers share one transaction.
 */
public final class JdbcAccessTokenRepository implements AccessTokenRepository, AutoCloseable {
    private static final String INSERT = "INSERT INTO access_tokens (tenant_id, token_hash, jti, client_id, subject, scope, "
            + "audience, grant_type, grant_id, cnf, extra, issued_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private record Row(TenantId tenant, AccessTokenRecord token) {}

    private final Jdbc jdbc;
    private final GroupCommit<Row> writer;

    public JdbcAccessTokenRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.writer = new GroupCommit<>("tessera-token-writer", 512, 100_000, this::insertAll);
    }

    /** Returns once the row is committed. */
    @Override
    public void save(TenantId tenant, AccessTokenRecord t) {
        writer.write(new Row(tenant, t));
    }

    private void insertAll(List<Row> rows) {
        jdbc.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
                for (Row r : rows) {
                    TokenClaims c = r.token().claims();
                    Jdbc.bind(ps, r.tenant().value(), r.token().hash().value(), c.jti(), c.clientId().value(), c.subject(),
                            c.scope().toString(), String.join(" ", c.audience()), c.grantType(), r.token().grantId(), c.cnf(),
                            c.custom().toJson(), c.issuedAt().toEpochMilli(), c.expiresAt().toEpochMilli(),
                            JdbcKeySetRepository.millis(r.token().revokedAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void close() {
        writer.close();
    }

    @Override
    public Optional<AccessTokenRecord> find(TenantId tenant, TokenHash hash) {
        return jdbc.queryOne("SELECT token_hash, jti, client_id, subject, scope, audience, grant_type, grant_id, cnf, extra, "
                + "issued_at, expires_at, revoked_at FROM access_tokens WHERE tenant_id = ? AND token_hash = ?",
                JdbcAccessTokenRepository::map, tenant.value(), hash.value());
    }

    @Override
    public boolean revoke(TenantId tenant, TokenHash hash, Instant now) {
        return jdbc.update("UPDATE access_tokens SET revoked_at = ? WHERE tenant_id = ? AND token_hash = ? AND revoked_at IS NULL",
                now.toEpochMilli(), tenant.value(), hash.value()) == 1;
    }

    @Override
    public int revokeGrant(TenantId tenant, String grantId, Instant now) {
        return jdbc.update("UPDATE access_tokens SET revoked_at = ? WHERE tenant_id = ? AND grant_id = ? AND revoked_at IS NULL",
                now.toEpochMilli(), tenant.value(), grantId);
    }

    @Override
    public int purgeExpired(Instant cutoff, int limit) {
        // the whole key: a hash alone may recur in other tenants, which would delete more than limit rows
        return jdbc.update("DELETE FROM access_tokens WHERE (tenant_id, token_hash) IN (SELECT tenant_id, token_hash "
                + "FROM access_tokens WHERE expires_at < ? FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY) AND expires_at < ?",
                cutoff.toEpochMilli(), cutoff.toEpochMilli());
    }

    private static AccessTokenRecord map(ResultSet rs) throws SQLException {
        String aud = rs.getString("audience");
        List<String> audience = aud.isEmpty() ? List.of() : Arrays.asList(aud.split(" "));
        TokenClaims claims = new TokenClaims(rs.getString("jti"), new ClientId(rs.getString("client_id")),
                rs.getString("subject"), Scope.parse(rs.getString("scope")), audience, rs.getString("grant_type"),
                Instant.ofEpochMilli(rs.getLong("issued_at")), Instant.ofEpochMilli(rs.getLong("expires_at")), rs.getString("cnf"),
                CustomClaims.fromJson(rs.getString("extra")));
        return new AccessTokenRecord(new TokenHash(rs.getString("token_hash")), claims, rs.getString("grant_id"),
                JdbcKeySetRepository.instant(Jdbc.nullableLong(rs, "revoked_at")));
    }
}
