package dev.tessera.tenant;

import java.time.Instant;

/** A tenant as stored. */
public record Tenant(TenantId id, TenantSettings settings, Instant createdAt, Instant updatedAt) {}
