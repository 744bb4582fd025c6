package dev.tessera.store;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantRepository;
import dev.tessera.tenant.TenantSettings;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.minidev.json.JSONObject;

public final class JdbcTenantRepository implements TenantRepository {
    /** Every table holding tenant-owned rows, deleted with the tenant (audit events are kept). */
    static final List<String> OWNED_TABLES = List.of("access_tokens", "revoked_jwts", "used_jtis",
            "jwt_grants", "revoked_grants", "refresh_tokens", "authorization_codes", "consents", "sessions", "sign_in_failures", "user_emails",
            "users", "clients", "signing_keys", "rs256_signing_keys", "token_handler_keys", "token_handlers");

    private final Jdbc jdbc;

    public JdbcTenantRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Tenant> find(TenantId tenant) {
        return jdbc.queryOne("SELECT id, settings, created_at, updated_at FROM tenants WHERE id = ?", rs -> {
            try {
                return new Tenant(new TenantId(rs.getString(1)),
                        TenantSettings.fromJson(JSONObjectUtils.parse(rs.getString(2))),
                        Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)));
            } catch (java.text.ParseException e) {
                throw new StoreException("stored tenant settings unreadable", e);
            }
        }, tenant.value());
    }

    @Override
    public boolean insert(Tenant t) {
        return jdbc.insertIfAbsent("INSERT INTO tenants (id, settings, created_at, updated_at) VALUES (?, ?, ?, ?)",
                t.id().value(), json(t.settings()), t.createdAt().toEpochMilli(), t.updatedAt().toEpochMilli());
    }

    @Override
    public boolean update(Tenant t) {
        return jdbc.update("UPDATE tenants SET settings = ?, updated_at = ? WHERE id = ?",
                json(t.settings()), t.updatedAt().toEpochMilli(), t.id().value()) == 1;
    }

    @Override
    public boolean delete(TenantId tenant) {
        return jdbc.inTransaction(c -> {
            for (String table : OWNED_TABLES) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant_id = ?")) {
                    ps.setString(1, tenant.value());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tenants WHERE id = ?")) {
                ps.setString(1, tenant.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public long count() {
        return jdbc.queryOne("SELECT COUNT(*) FROM tenants", rs -> rs.getLong(1)).orElse(0L);
    }

    private static String json(TenantSettings s) {
        return new JSONObject(s.toJson()).toJSONString();
    }
}
