package dev.tessera.user;

import dev.tessera.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Storage of users. {@code userName} is unique per tenant, case-insensitively. */
public interface UserRepository {
    Optional<User> find(TenantId tenant, UserId id);

    Optional<User> findByUserName(TenantId tenant, String userName);

    /** Inserts; false if the user name is taken in this tenant. */
    boolean insert(TenantId tenant, User user);

    enum ReplaceResult { REPLACED, NOT_FOUND, VERSION_CONFLICT, USER_NAME_TAKEN }

    /** Replaces the user if its stored version is {@code expectedVersion}; the new row has {@code user.version()}. */
    ReplaceResult replace(TenantId tenant, User user, long expectedVersion);

    boolean delete(TenantId tenant, UserId id);

    record Page(long total, List<User> users) {}

    /** Users matching the filter, ordered by creation, {@code startIndex} 1-based (RFC 7644 §3.4.2.4). */
    Page search(TenantId tenant, UserFilter filter, int startIndex, int count);
}
