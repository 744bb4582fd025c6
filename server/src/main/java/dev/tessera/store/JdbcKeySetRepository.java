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

public final class JdbcKeySetRepository implements KeySetRepository {
    private static final String COLUMNS =
            "kid, alg, state, public_jwk, private_jwk_enc, created_at, activated_at, retired_at, publish_until";
    private final Jdbc jdbc;

    public JdbcKeySetRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<SigningKey> list(TenantId tenant) {
        return jdbc.query("SELECT " + COLUMNS + " FROM signing_keys WHERE tenant_id = ? ORDER BY created_at, kid",
                JdbcKeySetRepository::map, tenant.value());
    }

    @Override
    public void insert(TenantId tenant, SigningKey k) {
        jdbc.inTransaction(c -> {
            insert(c, tenant, k);
            return null;
        });
    }

    private static void insert(Connection c, TenantId tenant, SigningKey k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO signing_keys (tenant_id, " + COLUMNS
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
            try (PreparedStatement ps = c.prepareStatement("UPDATE signing_keys SET state = 'RETIRED', retired_at = ?, "
                    + "publish_until = ? WHERE tenant_id = ? AND kid = ? AND state = 'ACTIVE'")) {
                Jdbc.bind(ps, now.toEpochMilli(), publishUntil.toEpochMilli(), tenant.value(), retireKid);
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE signing_keys SET state = 'ACTIVE', activated_at = ? "
                    + "WHERE tenant_id = ? AND kid = ? AND state = 'NEXT'")) {
                Jdbc.bind(ps, now.toEpochMilli(), tenant.value(), activateKid);
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
            }
            // any other pending NEXT key (e.g. of a previous algorithm) retires with the old active key
            try (PreparedStatement ps = c.prepareStatement("UPDATE signing_keys SET state = 'RETIRED', retired_at = ?, "
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
        return jdbc.update("DELETE FROM signing_keys WHERE tenant_id = ? AND state = 'RETIRED' AND publish_until < ?",
                tenant.value(), now.toEpochMilli());
    }

    @Override
    public List<TenantId> dueForRotation(Instant activatedBefore, int limit) {
        return jdbc.query("SELECT tenant_id FROM signing_keys WHERE state = 'ACTIVE' AND activated_at < ? "
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
