package dev.tessera.tokenhandler;

import java.time.Instant;

/** A registered token-handler app of a tenant: its id, settings and when they were written. Spec: CONTRACT §6.2. */
public record TokenHandlerApp(TokenHandlerAppId id, TokenHandlerSettings settings, Instant createdAt, Instant updatedAt) {}
