package dev.tessera.store;

import dev.tessera.protocol.ClientRedirect;
import dev.tessera.authorize.AuthorizationCode;
import dev.tessera.authorize.AuthorizationCodeRepository;
import dev.tessera.authorize.PendingAuthorization;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.user.Authentication;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHash;
import dev.tessera.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

public final class JdbcAuthorizationCodeRepository implements AuthorizationCodeRepository {
    private static final String COLS = "code_hash, grant_id, client_id, user_id, redirect_uri, scope, resource, code_challenge, "
            + "nonce, sid, auth_time, amr, acr, created_at, expires_at, consumed_at, redirect_uri_given";
    private final Jdbc jdbc;

    public JdbcAuthorizationCodeRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(TenantId tenant, AuthorizationCode c) {
        var a = c.authentication();
        jdbc.update("INSERT INTO authorization_codes (tenant_id, " + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), c.hash().value(), c.grantId(), c.redirect().clientId().value(), a.userId().value(),
                c.redirect().redirectUri(), c.requested().scope().toString(), String.join(" ", c.requested().resources()),
                c.requested().codeChallenge(), c.requested().nonce(), a.sid(), a.authTime().toEpochMilli(), a.amr(), a.acr(),
                Instant.now().toEpochMilli(), c.expiresAt().toEpochMilli(), JdbcKeySetRepository.millis(c.consumedAt()),
                c.requested().redirectUriGiven());
    }

    @Override
    public Optional<AuthorizationCode> find(TenantId tenant, TokenHash hash) {
        return jdbc.queryOne("SELECT " + COLS + " FROM authorization_codes WHERE tenant_id = ? AND code_hash = ?",
                JdbcAuthorizationCodeRepository::map, tenant.value(), hash.value());
    }

    @Override
    public boolean consume(TenantId tenant, TokenHash hash, Instant now) {
        return jdbc.update("UPDATE authorization_codes SET consumed_at = ? WHERE tenant_id = ? AND code_hash = ? "
                + "AND consumed_at IS NULL", now.toEpochMilli(), tenant.value(), hash.value()) == 1;
    }

    @Override
    public int purgeExpired(Instant cutoff) {
        return jdbc.update("DELETE FROM authorization_codes WHERE expires_at < ?", cutoff.toEpochMilli());
    }

    private static AuthorizationCode map(ResultSet rs) throws SQLException {
        String res = rs.getString("resource");
        List<String> resources = res == null || res.isEmpty() ? List.of() : Arrays.asList(res.split(" "));
        return new AuthorizationCode(new TokenHash(rs.getString("code_hash")), rs.getString("grant_id"),
                new ClientRedirect(new ClientId(rs.getString("client_id")), rs.getString("redirect_uri"),
                        "query", null),
                new PendingAuthorization.Requested(Scope.parse(rs.getString("scope")), rs.getString("nonce"),
                        rs.getString("code_challenge"), resources, rs.getBoolean("redirect_uri_given")),
                new Authentication(new UserId(rs.getString("user_id")), rs.getString("sid"),
                        Instant.ofEpochMilli(rs.getLong("auth_time")), rs.getString("amr"), rs.getString("acr")),
                Instant.ofEpochMilli(rs.getLong("expires_at")),
                JdbcKeySetRepository.instant(Jdbc.nullableLong(rs, "consumed_at")));
    }
}
