package dev.tessera.spec.badinput;

import dev.tessera.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The complete contents of every table that bad input must never change (audit_events may grow),
 * rendered as sorted text rows so that two snapshots compare with {@code equals}.
 */
record StoreSnapshot(Map<String, List<String>> tables) {
    static final List<String> TABLES = List.of("tenants", "clients", "signing_keys", "access_tokens", "revoked_jwts",
            "used_jtis", "revoked_grants", "users", "user_emails", "token_handlers", "token_handler_keys");

    static StoreSnapshot of(Database db) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT))
                                    .append('=').append(rs.getString(i)).append(i < columns ? "|" : "");
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                tables.put(table, List.copyOf(rows));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new StoreSnapshot(tables);
    }

    /** Row counts per table, for readable failure messages. */
    Map<String, Integer> counts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        tables.forEach((t, rows) -> m.put(t, rows.size()));
        return m;
    }
}
