package dev.tessera.store;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.tessera.tenant.TenantId;
import dev.tessera.user.User;
import dev.tessera.user.UserFilter;
import dev.tessera.user.UserId;
import dev.tessera.user.UserNames;
import dev.tessera.user.UserRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.minidev.json.JSONObject;

/** Users, with their e-mail values in a side table for filters. Filters become parameterised SQL. */
public final class JdbcUserRepository implements UserRepository {
    private static final String COLS = "id, user_name, external_id, active, password_hash, resource, version, created_at, updated_at";
    private final Jdbc jdbc;

    public JdbcUserRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<User> find(TenantId tenant, UserId id) {
        return jdbc.queryOne("SELECT " + COLS + " FROM users WHERE tenant_id = ? AND id = ?", JdbcUserRepository::map,
                tenant.value(), id.value());
    }

    /**
     * By the RFC 8265 key ({@link UserNames#key}); a row without a key (written by the previous
     * release during a rolling upgrade, keyed at the next start) is found by its lower-cased name.
     */
    @Override
    public Optional<User> findByUserName(TenantId tenant, String userName) {
        String key = UserNames.key(userName);
        if (key.length() > UserNames.MAX_LENGTH) return Optional.empty();   // no stored key is that long
        Optional<User> u = jdbc.queryOne("SELECT " + COLS + " FROM users WHERE tenant_id = ? AND user_name_key = ?",
                JdbcUserRepository::map, tenant.value(), key);
        if (u.isPresent()) return u;
        String lower = userName.toLowerCase(Locale.ROOT);
        if (lower.length() > UserNames.MAX_LENGTH) return Optional.empty();
        return jdbc.queryOne("SELECT " + COLS + " FROM users WHERE tenant_id = ? AND user_name_key IS NULL AND user_name_lower = ?",
                JdbcUserRepository::map, tenant.value(), lower);
    }

    @Override
    public boolean insert(TenantId tenant, User u) {
        try {
            return jdbc.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (tenant_id, " + COLS
                        + ", user_name_lower, user_name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Jdbc.bind(ps, tenant.value(), u.id().value(), u.userName(), u.externalId(), u.active(), u.passwordHash(),
                            json(u), u.version(), u.createdAt().toEpochMilli(), u.updatedAt().toEpochMilli(),
                            u.userName().toLowerCase(Locale.ROOT), UserNames.key(u.userName()));
                    ps.executeUpdate();
                }
                writeEmails(c, tenant, u);
                return true;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException s && StoreException.isUniqueViolation(s)) return false;
            throw e;
        }
    }

    @Override
    public ReplaceResult replace(TenantId tenant, User u, long expectedVersion) {
        try {
            return jdbc.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE users SET user_name = ?, user_name_lower = ?, user_name_key = ?, "
                        + "external_id = ?, active = ?, password_hash = ?, resource = ?, version = ?, updated_at = ? "
                        + "WHERE tenant_id = ? AND id = ? AND version = ?")) {
                    Jdbc.bind(ps, u.userName(), u.userName().toLowerCase(Locale.ROOT), UserNames.key(u.userName()), u.externalId(),
                            u.active(),
                            u.passwordHash(), json(u), u.version(), u.updatedAt().toEpochMilli(), tenant.value(), u.id().value(),
                            expectedVersion);
                    if (ps.executeUpdate() == 0) {
                        c.rollback();
                        return find(tenant, u.id()).isPresent() ? ReplaceResult.VERSION_CONFLICT : ReplaceResult.NOT_FOUND;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_emails WHERE tenant_id = ? AND user_id = ?")) {
                    Jdbc.bind(ps, tenant.value(), u.id().value());
                    ps.executeUpdate();
                }
                writeEmails(c, tenant, u);
                return ReplaceResult.REPLACED;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException s && StoreException.isUniqueViolation(s)) return ReplaceResult.USER_NAME_TAKEN;
            throw e;
        }
    }

    @Override
    public boolean delete(TenantId tenant, UserId id) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_emails WHERE tenant_id = ? AND user_id = ?")) {
                Jdbc.bind(ps, tenant.value(), id.value());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE tenant_id = ? AND id = ?")) {
                Jdbc.bind(ps, tenant.value(), id.value());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Page search(TenantId tenant, UserFilter filter, int startIndex, int count) {
        List<Object> params = new ArrayList<>();
        params.add(tenant.value());
        String where = "u.tenant_id = ? AND (" + sql(filter, params) + ")";
        long total = jdbc.queryOne("SELECT COUNT(*) FROM users u WHERE " + where, rs -> rs.getLong(1), params.toArray()).orElse(0L);
        int offset = Math.max(0, startIndex - 1);
        List<User> users = count <= 0 ? List.of() : jdbc.query("SELECT " + prefixed() + " FROM users u WHERE " + where
                + " ORDER BY u.created_at, u.id OFFSET " + offset + " ROWS FETCH NEXT " + count + " ROWS ONLY",
                JdbcUserRepository::map, params.toArray());
        return new Page(total, users);
    }

    private static String prefixed() {
        StringBuilder b = new StringBuilder();
        for (String c : COLS.split(", ")) {
            if (b.length() > 0) b.append(", ");
            b.append("u.").append(c);
        }
        return b.toString();
    }

    /** Translates the filter AST into a WHERE fragment with bind parameters (never string-concatenated values). */
    static String sql(UserFilter f, List<Object> params) {
        if (f instanceof UserFilter.All) return "1 = 1";
        if (f instanceof UserFilter.And a) return "(" + sql(a.left(), params) + ") AND (" + sql(a.right(), params) + ")";
        if (f instanceof UserFilter.Or o) return "(" + sql(o.left(), params) + ") OR (" + sql(o.right(), params) + ")";
        if (f instanceof UserFilter.Not n) return "NOT (" + sql(n.inner(), params) + ")";
        UserFilter.Compare c = (UserFilter.Compare) f;
        if (c.attribute() == UserFilter.Attribute.ACTIVE) {
            if (c.op() == UserFilter.Operator.PR) return "1 = 1";
            params.add(Boolean.TRUE.equals(c.value()));
            return c.op() == UserFilter.Operator.NE ? "u.active <> ?" : "u.active = ?";
        }
        if (c.attribute() == UserFilter.Attribute.USER_NAME && (c.op() == UserFilter.Operator.EQ || c.op() == UserFilter.Operator.NE)) {
            // RFC 8265 §3.4: equality is on the key, as uniqueness and sign-in are
            String key = UserNames.key(String.valueOf(c.value()));
            if (key.length() > UserNames.MAX_LENGTH) return c.op() == UserFilter.Operator.EQ ? "1 = 0" : "1 = 1";   // no key is
            params.add(key);
            params.add(String.valueOf(c.value()).toLowerCase(Locale.ROOT));
            String eq = "(u.user_name_key = ? OR (u.user_name_key IS NULL AND u.user_name_lower = ?))";
            return c.op() == UserFilter.Operator.EQ ? eq : "NOT " + eq;
        }
        String column;
        boolean caseInsensitive;
        switch (c.attribute()) {
            case USER_NAME -> { column = "u.user_name_lower"; caseInsensitive = true; }
            case EXTERNAL_ID -> { column = "u.external_id"; caseInsensitive = false; }
            case ID -> { column = "u.id"; caseInsensitive = false; }
            case EMAIL -> {
                String inner = compare("e.value_lower", c.op(), c.value(), true, params);
                return "EXISTS (SELECT 1 FROM user_emails e WHERE e.tenant_id = u.tenant_id AND e.user_id = u.id AND " + inner + ")";
            }
            default -> throw new IllegalArgumentException("unsupported attribute");
        }
        return compare(column, c.op(), c.value(), caseInsensitive, params);
    }

    private static String compare(String column, UserFilter.Operator op, Object value, boolean lower, List<Object> params) {
        if (op == UserFilter.Operator.PR) return column + " IS NOT NULL";
        String v = String.valueOf(value);
        if (lower) v = v.toLowerCase(Locale.ROOT);
        String like = v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        switch (op) {
            case EQ -> { params.add(v); return column + " = ?"; }
            case NE -> { params.add(v); return "(" + column + " IS NULL OR " + column + " <> ?)"; }
            case SW -> { params.add(like + "%"); return column + " LIKE ? ESCAPE '\\'"; }
            case EW -> { params.add("%" + like); return column + " LIKE ? ESCAPE '\\'"; }
            case CO -> { params.add("%" + like + "%"); return column + " LIKE ? ESCAPE '\\'"; }
            default -> throw new IllegalArgumentException("unsupported operator");
        }
    }

    private static void writeEmails(Connection c, TenantId tenant, User u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_emails (tenant_id, user_id, value_lower) VALUES (?, ?, ?)")) {
            for (String e : u.emailValues()) {
                if (e.length() > 320) continue;
                Jdbc.bind(ps, tenant.value(), u.id().value(), e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String json(User u) {
        return new JSONObject(u.resource()).toJSONString();
    }

    private static User map(ResultSet rs) throws SQLException {
        try {
            return new User(new UserId(rs.getString("id")), rs.getString("user_name"), rs.getString("external_id"),
                    rs.getBoolean("active"), rs.getString("password_hash"), JSONObjectUtils.parse(rs.getString("resource")),
                    rs.getLong("version"), Instant.ofEpochMilli(rs.getLong("created_at")),
                    Instant.ofEpochMilli(rs.getLong("updated_at")));
        } catch (java.text.ParseException e) {
            throw new StoreException("stored user unreadable", e);
        }
    }
}
