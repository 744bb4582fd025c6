package dev.tessera.store;

import dev.tessera.session.Session;
import dev.tessera.session.SessionRepository;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHash;
import dev.tessera.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

public final class JdbcSessionRepository implements SessionRepository {
    private static final String COLS = "session_hash, sid, user_id, auth_time, amr, acr, created_at, last_seen_at, "
            + "idle_expires_at, expires_at, ended_at";
    private final Jdbc jdbc;

    public JdbcSessionRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(TenantId tenant, Session s) {
        jdbc.update("INSERT INTO sessions (tenant_id, " + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), s.hash().value(), s.sid(), s.userId().value(), s.authTime().toEpochMilli(), s.amr(), s.acr(),
                s.createdAt().toEpochMilli(), s.lastSeenAt().toEpochMilli(), s.idleExpiresAt().toEpochMilli(),
                s.expiresAt().toEpochMilli(), JdbcKeySetRepository.millis(s.endedAt()));
    }

    @Override
    public Optional<Session> find(TenantId tenant, TokenHash hash) {
        return jdbc.queryOne("SELECT " + COLS + " FROM sessions WHERE tenant_id = ? AND session_hash = ?",
                JdbcSessionRepository::map, tenant.value(), hash.value());
    }

    @Override
    public Optional<Session> findBySid(TenantId tenant, String sid) {
        return jdbc.queryOne("SELECT " + COLS + " FROM sessions WHERE tenant_id = ? AND sid = ?",
                JdbcSessionRepository::map, tenant.value(), sid);
    }

    @Override
    public void touch(TenantId tenant, TokenHash hash, Instant lastSeen, Instant idleExpiresAt) {
        jdbc.update("UPDATE sessions SET last_seen_at = ?, idle_expires_at = ? WHERE tenant_id = ? AND session_hash = ? "
                + "AND ended_at IS NULL", lastSeen.toEpochMilli(), idleExpiresAt.toEpochMilli(), tenant.value(), hash.value());
    }

    @Override
    public boolean reauthenticate(TenantId tenant, String sid, TokenHash newHash, Instant authTime, String amr, String acr,
                                  Instant idleExpiresAt) {
        return jdbc.update("UPDATE sessions SET session_hash = ?, auth_time = ?, amr = ?, acr = ?, last_seen_at = ?, "
                + "idle_expires_at = ? WHERE tenant_id = ? AND sid = ? AND ended_at IS NULL", newHash.value(),
                authTime.toEpochMilli(), amr, acr, authTime.toEpochMilli(), idleExpiresAt.toEpochMilli(), tenant.value(), sid) == 1;
    }

    @Override
    public boolean end(TenantId tenant, String sid, Instant now) {
        return jdbc.update("UPDATE sessions SET ended_at = ? WHERE tenant_id = ? AND sid = ? AND ended_at IS NULL",
                now.toEpochMilli(), tenant.value(), sid) == 1;
    }

    @Override
    public int endAllOf(TenantId tenant, UserId user, Instant now) {
        return jdbc.update("UPDATE sessions SET ended_at = ? WHERE tenant_id = ? AND user_id = ? AND ended_at IS NULL",
                now.toEpochMilli(), tenant.value(), user.value());
    }

    private static Session map(ResultSet rs) throws SQLException {
        return new Session(new TokenHash(rs.getString("session_hash")), rs.getString("sid"), new UserId(rs.getString("user_id")),
                Instant.ofEpochMilli(rs.getLong("auth_time")), rs.getString("amr"), rs.getString("acr"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("last_seen_at")),
                Instant.ofEpochMilli(rs.getLong("idle_expires_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                JdbcKeySetRepository.instant(Jdbc.nullableLong(rs, "ended_at")));
    }
}
