package dev.tessera.store;

import dev.tessera.user.UserNames;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every user row the key {@link UserNames#key} computes, after the migrations: V6_1 could only
 * backfill the lower-cased name (SQL has no width mapping or NFC), and rows written by the previous
 * release during a rolling upgrade have none. Reads in pages, updates only rows whose key differs.
 * Two existing users whose names have the same key cannot both have it: the second keeps its old key
 * (still found by it), and a warning names both, for an administrator to rename one.
 */
final class UserNameKeys {
    private static final Logger LOG = LoggerFactory.getLogger(UserNameKeys.class);
    private static final int PAGE = 1000;

    private record Row(String tenant, String id, String userName, String key) {}

    private UserNameKeys() {}

    static int rekey(Jdbc jdbc) {
        int changed = 0;
        String tenant = "";
        String id = "";
        while (true) {
            List<Row> rows = jdbc.query("SELECT tenant_id, id, user_name, user_name_key FROM users "
                    + "WHERE tenant_id > ? OR (tenant_id = ? AND id > ?) ORDER BY tenant_id, id FETCH FIRST " + PAGE + " ROWS ONLY",
                    rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), tenant, tenant, id);
            for (Row r : rows) {
                String key = UserNames.key(r.userName());
                if (key.equals(r.key()) || key.length() > UserNames.MAX_LENGTH) continue;
                try {
                    changed += jdbc.update("UPDATE users SET user_name_key = ? WHERE tenant_id = ? AND id = ?", key, r.tenant(), r.id());
                } catch (StoreException e) {
                    if (!(e.getCause() instanceof SQLException s) || !StoreException.isUniqueViolation(s)) throw e;
                    LOG.warn("tenant {}: user {} has a userName that is the same account name (RFC 8265) as another user's; "
                            + "it keeps its old key until one of them is renamed", r.tenant(), r.id());
                }
            }
            if (rows.size() < PAGE) return changed;
            Row last = rows.get(rows.size() - 1);
            tenant = last.tenant();
            id = last.id();
        }
    }
}
