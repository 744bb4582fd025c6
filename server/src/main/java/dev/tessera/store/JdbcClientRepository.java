package dev.tessera.store;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.tessera.client.Client;
import dev.tessera.client.ClientRepository;
import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

public final class JdbcClientRepository implements ClientRepository {
    private final Jdbc jdbc;

    public JdbcClientRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Client> find(TenantId tenant, ClientId clientId) {
        return jdbc.queryOne("SELECT client_id, secret_hash, registration_token_hash, metadata, created_at, updated_at "
                + "FROM clients WHERE tenant_id = ? AND client_id = ?", JdbcClientRepository::map, tenant.value(), clientId.value());
    }

    @Override
    public boolean insert(TenantId tenant, Client c) {
        return jdbc.insertIfAbsent("INSERT INTO clients (tenant_id, client_id, secret_hash, registration_token_hash, "
                        + "metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", tenant.value(), c.clientId().value(),
                c.secretHash(), c.registrationTokenHash(), c.metadata().toJSONObject().toJSONString(),
                c.createdAt().toEpochMilli(), c.updatedAt().toEpochMilli());
    }

    @Override
    public boolean update(TenantId tenant, Client c) {
        return jdbc.update("UPDATE clients SET secret_hash = ?, registration_token_hash = ?, metadata = ?, updated_at = ? "
                        + "WHERE tenant_id = ? AND client_id = ?", c.secretHash(), c.registrationTokenHash(),
                c.metadata().toJSONObject().toJSONString(), c.updatedAt().toEpochMilli(), tenant.value(), c.clientId().value()) == 1;
    }

    @Override
    public boolean updateIfRegistrationToken(TenantId tenant, Client c, String expectedTokenHash) {
        if (expectedTokenHash == null) return false;
        return jdbc.update("UPDATE clients SET secret_hash = ?, registration_token_hash = ?, metadata = ?, updated_at = ? "
                        + "WHERE tenant_id = ? AND client_id = ? AND registration_token_hash = ?", c.secretHash(),
                c.registrationTokenHash(), c.metadata().toJSONObject().toJSONString(), c.updatedAt().toEpochMilli(),
                tenant.value(), c.clientId().value(), expectedTokenHash) == 1;
    }

    @Override
    public boolean rotateRegistrationToken(TenantId tenant, ClientId clientId, String expectedTokenHash, String newTokenHash) {
        if (expectedTokenHash == null) return false;
        return jdbc.update("UPDATE clients SET registration_token_hash = ? WHERE tenant_id = ? AND client_id = ? "
                + "AND registration_token_hash = ?", newTokenHash, tenant.value(), clientId.value(), expectedTokenHash) == 1;
    }

    @Override
    public boolean delete(TenantId tenant, ClientId clientId) {
        return jdbc.update("DELETE FROM clients WHERE tenant_id = ? AND client_id = ?", tenant.value(), clientId.value()) == 1;
    }

    @Override
    public long count(TenantId tenant) {
        return jdbc.queryOne("SELECT COUNT(*) FROM clients WHERE tenant_id = ?", rs -> rs.getLong(1), tenant.value()).orElse(0L);
    }

    private static Client map(ResultSet rs) throws SQLException {
        try {
            return new Client(new ClientId(rs.getString("client_id")), rs.getString("secret_hash"),
                    rs.getString("registration_token_hash"),
                    ClientMetadata.parse(JSONObjectUtils.parse(rs.getString("metadata"))),
                    Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
        } catch (ParseException e) {
            throw new StoreException("stored client metadata unreadable", e);
        }
    }
}
