package dev.tessera.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user. {@code resource} is the SCIM representation as stored (core and extension attributes,
 * never the password, never {@code meta}); the other components are the indexed columns.
 */
public record User(UserId id, String userName, String externalId, boolean active, String passwordHash,
                   Map<String, Object> resource, long version, Instant createdAt, Instant updatedAt) {
    public User {
        resource = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resource));
    }

    /** Lower-cased {@code emails[].value} of the resource (indexed for filters). */
    @SuppressWarnings("unchecked")
    public List<String> emailValues() {
        Object emails = resource.get("emails");
        if (!(emails instanceof List<?> list)) return List.of();
        return list.stream().filter(e -> e instanceof Map<?, ?>)
                .map(e -> ((Map<String, Object>) e).get("value"))
                .filter(v -> v instanceof String).map(v -> ((String) v).toLowerCase(java.util.Locale.ROOT))
                .distinct().toList();
    }
}
