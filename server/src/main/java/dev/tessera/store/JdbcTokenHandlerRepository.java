package dev.tessera.store;

import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.tenant.TenantId;
import dev.tessera.tokenhandler.CookieSettings;
import dev.tessera.tokenhandler.TokenHandlerApp;
import dev.tessera.tokenhandler.TokenHandlerAppId;
import dev.tessera.tokenhandler.TokenHandlerKey;
import dev.tessera.tokenhandler.TokenHandlerRepository;
import dev.tessera.tokenhandler.TokenHandlerSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

public final class JdbcTokenHandlerRepository implements TokenHandlerRepository {
    private static final String COLUMNS = "app_id, client_id, web_origins, cookie_prefix, cookie_domain, cookie_path, "
            + "redirect_uri, scope, created_at, updated_at";

    private final Jdbc jdbc;

    public JdbcTokenHandlerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<TokenHandlerApp> find(TenantId tenant, TokenHandlerAppId app) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM token_handlers WHERE tenant_id = ? AND app_id = ?",
                JdbcTokenHandlerRepository::app, tenant.value(), app.value());
    }

    @Override
    public List<TokenHandlerApp> list(TenantId tenant) {
        return jdbc.query("SELECT " + COLUMNS + " FROM token_handlers WHERE tenant_id = ? ORDER BY app_id",
                JdbcTokenHandlerRepository::app, tenant.value());
    }

    @Override
    public boolean insert(TenantId tenant, TokenHandlerApp app, TokenHandlerKey firstKey) {
        try {
            return jdbc.inTransaction(c -> {
                TokenHandlerSettings s = app.settings();
                execute(c, "INSERT INTO token_handlers (tenant_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        tenant.value(), app.id().value(), s.clientId().value(), String.join(" ", s.webOrigins()),
                        s.cookies().prefix(), s.cookies().domain(), s.cookies().path(), s.redirectUri(), s.scope().toString(),
                        app.createdAt().toEpochMilli(), app.updatedAt().toEpochMilli());
                insertKey(c, tenant, app.id(), firstKey);
                return true;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && StoreException.isUniqueViolation(sql)) return false;
            throw e;
        }
    }

    @Override
    public boolean update(TenantId tenant, TokenHandlerApp app) {
        TokenHandlerSettings s = app.settings();
        try {
            return jdbc.update("UPDATE token_handlers SET client_id = ?, web_origins = ?, cookie_prefix = ?, cookie_domain = ?, "
                    + "cookie_path = ?, redirect_uri = ?, scope = ?, updated_at = ? WHERE tenant_id = ? AND app_id = ?",
                    s.clientId().value(), String.join(" ", s.webOrigins()), s.cookies().prefix(), s.cookies().domain(),
                    s.cookies().path(), s.redirectUri(), s.scope().toString(), app.updatedAt().toEpochMilli(), tenant.value(),
                    app.id().value()) == 1;
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && StoreException.isUniqueViolation(sql)) return false;
            throw e;
        }
    }

    @Override
    public boolean delete(TenantId tenant, TokenHandlerAppId app) {
        return jdbc.inTransaction(c -> {
            execute(c, "DELETE FROM token_handler_keys WHERE tenant_id = ? AND app_id = ?", tenant.value(), app.value());
            return execute(c, "DELETE FROM token_handlers WHERE tenant_id = ? AND app_id = ?", tenant.value(), app.value()) == 1;
        });
    }

    @Override
    public List<TokenHandlerKey> keys(TenantId tenant, TokenHandlerAppId app) {
        // the current key (expires_at NULL) first, then the newest retiring ones
        return jdbc.query("SELECT kid, key_enc, created_at, expires_at FROM token_handler_keys WHERE tenant_id = ? AND app_id = ? "
                + "ORDER BY CASE WHEN expires_at IS NULL THEN 0 ELSE 1 END, created_at DESC, kid",
                rs -> new TokenHandlerKey(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        nullableInstant(rs, 4)), tenant.value(), app.value());
    }

    @Override
    public boolean rotateKey(TenantId tenant, TokenHandlerAppId app, TokenHandlerKey next, Instant previousExpiresAt,
                             Instant now) {
        return jdbc.inTransaction(c -> {
            execute(c, "DELETE FROM token_handler_keys WHERE tenant_id = ? AND app_id = ? AND expires_at IS NOT NULL "
                    + "AND expires_at <= ?", tenant.value(), app.value(), now.toEpochMilli());
            int retired = execute(c, "UPDATE token_handler_keys SET expires_at = ? WHERE tenant_id = ? AND app_id = ? "
                    + "AND expires_at IS NULL", previousExpiresAt.toEpochMilli(), tenant.value(), app.value());
            if (retired != 1) {
                c.rollback();
                return false;
            }
            insertKey(c, tenant, app, next);
            return true;
        });
    }

    private static void insertKey(Connection c, TenantId tenant, TokenHandlerAppId app, TokenHandlerKey k) throws SQLException {
        execute(c, "INSERT INTO token_handler_keys (tenant_id, app_id, kid, key_enc, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", tenant.value(), app.value(), k.kid(), k.encryptedKey(),
                k.createdAt().toEpochMilli(), k.expiresAt() == null ? null : k.expiresAt().toEpochMilli());
    }

    private static int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, params);
            return ps.executeUpdate();
        }
    }

    private static TokenHandlerApp app(ResultSet rs) throws SQLException {
        TokenHandlerSettings s = new TokenHandlerSettings(new ClientId(rs.getString(2)),
                Arrays.asList(rs.getString(3).split(" ")), new CookieSettings(rs.getString(4), rs.getString(5), rs.getString(6)),
                rs.getString(7), Scope.parse(rs.getString(8)));
        return new TokenHandlerApp(new TokenHandlerAppId(rs.getString(1)), s, Instant.ofEpochMilli(rs.getLong(9)),
                Instant.ofEpochMilli(rs.getLong(10)));
    }

    private static Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
