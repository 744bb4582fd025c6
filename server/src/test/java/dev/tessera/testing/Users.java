package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.store.JdbcUserRepository;
import dev.tessera.tenant.TenantId;
import dev.tessera.user.PasswordHasher;
import dev.tessera.user.User;
import dev.tessera.user.UserId;
import dev.tessera.user.UserRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test users written straight to storage (independent of the SCIM endpoints), with Argon2id password
 * hashes as SCIM would store them.
 */
public final class Users {
    private static final PasswordHasher HASHER = new PasswordHasher();

    private Users() {}

    private static UserRepository repository(TestServer server) {
        return new JdbcUserRepository(server.tessera.database().jdbc());
    }

    /** Creates an active user; {@code attributes} are SCIM attributes (name, emails, phoneNumbers, addresses…). */
    public static UserId create(TestServer server, String tenant, String userName, String password, Map<String, Object> attributes) {
        Instant now = server.clock.instant();
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"));
        resource.put("userName", userName);
        resource.putAll(attributes);
        resource.put("active", true);
        UserId id = new UserId(UUID.randomUUID().toString());
        boolean inserted = repository(server).insert(new TenantId(tenant),
                new User(id, userName, null, true, password == null ? null : HASHER.hash(password), resource, 1, now, now));
        assertThat(inserted).as("user %s inserted", userName).isTrue();
        return id;
    }

    public static UserId create(TestServer server, String tenant, String userName, String password) {
        return create(server, tenant, userName, password, Map.of());
    }

    /** Sets {@code active} on the stored user (what SCIM PATCH active=false does to the row). */
    public static void setActive(TestServer server, String tenant, UserId id, boolean active) {
        UserRepository repo = repository(server);
        TenantId t = new TenantId(tenant);
        User u = repo.find(t, id).orElseThrow();
        Map<String, Object> resource = new LinkedHashMap<>(u.resource());
        resource.put("active", active);
        var result = repo.replace(t, new User(u.id(), u.userName(), u.externalId(), active, u.passwordHash(), resource,
                u.version() + 1, u.createdAt(), server.clock.instant()), u.version());
        assertThat(result).isEqualTo(UserRepository.ReplaceResult.REPLACED);
    }

    public static boolean delete(TestServer server, String tenant, UserId id) {
        return repository(server).delete(new TenantId(tenant), id);
    }
}
