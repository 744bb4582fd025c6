package dev.tessera.store;

import dev.tessera.authorize.SignInFailureRepository;
import dev.tessera.tenant.TenantId;
import java.time.Instant;

public final class JdbcSignInFailureRepository implements SignInFailureRepository {
    private final Jdbc jdbc;

    public JdbcSignInFailureRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Failures get(TenantId tenant, String key) {
        return jdbc.queryOne("SELECT failures, locked_until FROM sign_in_failures WHERE tenant_id = ? AND subject_key = ?",
                rs -> new Failures(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2))), tenant.value(), key).orElse(null);
    }

    @Override
    public int recordFailure(TenantId tenant, String key, Instant now, Instant lockedUntil) {
        if (jdbc.update("UPDATE sign_in_failures SET failures = failures + 1, last_failure = ?, locked_until = ? "
                + "WHERE tenant_id = ? AND subject_key = ?", now.toEpochMilli(), lockedUntil.toEpochMilli(), tenant.value(), key) == 0) {
            if (!jdbc.insertIfAbsent("INSERT INTO sign_in_failures (tenant_id, subject_key, failures, last_failure, locked_until) "
                    + "VALUES (?, ?, 1, ?, ?)", tenant.value(), key, now.toEpochMilli(), lockedUntil.toEpochMilli())) {
                return recordFailure(tenant, key, now, lockedUntil);
            }
        }
        Failures f = get(tenant, key);
        return f == null ? 1 : f.count();
    }

    @Override
    public void clear(TenantId tenant, String key) {
        jdbc.update("DELETE FROM sign_in_failures WHERE tenant_id = ? AND subject_key = ?", tenant.value(), key);
    }

    @Override
    public int purgeForgotten(Instant cutoff, int limit) {
        return jdbc.update("DELETE FROM sign_in_failures WHERE (tenant_id, subject_key) IN (SELECT tenant_id, subject_key "
                + "FROM sign_in_failures WHERE locked_until < ? FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY) AND locked_until < ?",
                cutoff.toEpochMilli(), cutoff.toEpochMilli());
    }
}
