package dev.tessera.store;

import dev.tessera.client.ReplayCache;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHash;
import java.time.Instant;

/** The primary key decides the single winner: an INSERT either adds the row or violates the key. */
public final class JdbcReplayCache implements ReplayCache {
    private final Jdbc jdbc;

    public JdbcReplayCache(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean consume(TenantId tenant, TokenHash id, Instant expiresAt) {
        return jdbc.insertIfAbsent("INSERT INTO used_jtis (tenant_id, jti_hash, expires_at) VALUES (?, ?, ?)",
                tenant.value(), id.value(), expiresAt.toEpochMilli());
    }

    public int purgeExpired(Instant cutoff) {
        return jdbc.update("DELETE FROM used_jtis WHERE expires_at < ?", cutoff.toEpochMilli());
    }
}
