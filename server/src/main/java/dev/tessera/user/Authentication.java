package dev.tessera.user;

import java.time.Instant;

/** Who signed in, when and how: what ID tokens and refresh tokens carry forward. Spec: OIDC Core §2. */
public record Authentication(UserId userId, String sid, Instant authTime, String amr, String acr) {}
