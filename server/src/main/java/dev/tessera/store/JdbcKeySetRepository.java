package dev.tessera.store;

import dev.tessera.keys.KeySetRepository;
import dev.tessera.keys.KeyState;
import dev.tessera.keys.SigningKey;
import dev.tessera.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * One chain of each tenant's signing keys: that of its {@code signingAlgorithm} (table
 * {@code signing_keys}) or its RS256 chain ({@link #rs256}, table {@code rs256_signing_keys}). Both
 * tables have the same columns; the table name is one of these two constants, never input.
 */
public final class JdbcKeySetRepository implements KeySetRepository {
    private static final String COLUMNS =
            "kid, alg, state, public_jwk, private_jwk_enc, created_at, activated_at, retired_at, publish_until";
    private final Jdbc jdbc;
    private final String table;

    /** The chain of the tenant's {@code signingAlgorithm}. */
    public JdbcKeySetRepository(Jdbc jdbc) {
        this(jdbc, "signing_keys");
    }

    private JdbcKeySetRepository(Jdbc jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** The tenant's RS256 chain (CONTRACT §2). */
    public static JdbcKeySetRepository rs256(Jdbc jdbc) {
        return new JdbcKeySetRepository(jdbc, "rs256_signing_keys");
    }

    @Override
    public List<SigningKey> list(TenantId tenant) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + table + " WHERE tenant_id = ? ORDER BY created_at, kid",
                JdbcKeySetRepository::map, tenant.value());
    }

    @Override
    public void insert(TenantId tenant, SigningKey k) {
        jdbc.inTransaction(c -> {
            insert(c, tenant, k);
            return null;
        });
    }

    private void insert(Connection c, TenantId tenant, SigningKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (tenant_id, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Jdbc.bind(ps, tenant.value(), k.kid(), k.alg(), k.state().name(), k.publicJwk(), k.privateJwkEncrypted(),
                    k.createdAt().toEpochMilli(), millis(k.activatedAt()), millis(k.retiredAt()), millis(k.publishUntil()));
            ps.executeUpdate();
        }
    }

    @Override
    public boolean rotate(TenantId tenant, String retireKid, Instant publishUntil, String activateKid,
                          SigningKey newNext, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = 'RETIRED', retired_at = ?, "
                    + "publish_until = ? WHERE tenant_id = ? AND kid = ? AND state = 'ACTIVE'")) {
                Jdbc.bind(ps, now.toEpochMilli(), publishUntil.toEpochMilli(), tenant.value(), retireKid);
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = 'ACTIVE', activated_at = ? "
                    + "WHERE tenant_id = ? AND kid = ? AND state = 'NEXT'")) {
                Jdbc.bind(ps, now.toEpochMilli(), tenant.value(), activateKid);
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
            }
            // any other pending NEXT key (e.g. of a previous algorithm) retires with the old active key
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET state = 'RETIRED', retired_at = ?, "
                    + "publish_until = ? WHERE tenant_id = ? AND state = 'NEXT'")) {
                Jdbc.bind(ps, now.toEpochMilli(), publishUntil.toEpochMilli(), tenant.value());
                ps.executeUpdate();
            }
            insert(c, tenant, newNext);
            return true;
        });
    }

    @Override
    public int purgeRetired(TenantId tenant, Instant now) {
        return jdbc.update("DELETE FROM " + table + " WHERE tenant_id = ? AND state = 'RETIRED' AND publish_until < ?",
                tenant.value(), now.toEpochMilli());
    }

    @Override
    public List<TenantId> dueForRotation(Instant activatedBefore, int limit) {
        return jdbc.query("SELECT tenant_id FROM " + table + " WHERE state = 'ACTIVE' AND activated_at < ? "
                        + "ORDER BY activated_at FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                rs -> new TenantId(rs.getString(1)), activatedBefore.toEpochMilli());
    }

    private static SigningKey map(ResultSet rs) throws SQLException {
        return new SigningKey(rs.getString("kid"), rs.getString("alg"), KeyState.valueOf(rs.getString("state")),
                rs.getString("public_jwk"), rs.getString("private_jwk_enc"), Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(Jdbc.nullableLong(rs, "activated_at")), instant(Jdbc.nullableLong(rs, "retired_at")),
                instant(Jdbc.nullableLong(rs, "publish_until")));
    }

    static Long millis(Instant i) { return i == null ? null : i.toEpochMilli(); }

    static Instant instant(Long l) { return l == null ? null : Instant.ofEpochMilli(l); }
}
