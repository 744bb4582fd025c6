package dev.tessera.authorize;

import dev.tessera.protocol.ClientRedirect;
import dev.tessera.user.Authentication;
import dev.tessera.token.TokenHash;
import java.time.Instant;

/**
 * An issued authorization code as stored (its keyed hash), bound to client, redirect URI and PKCE
 * challenge. Spec: RFC 6749 §4.1.2 (single use, short-lived); RFC 7636 §4.4.
 */
public record AuthorizationCode(TokenHash hash, String grantId, ClientRedirect redirect,
                                PendingAuthorization.Requested requested, Authentication authentication,
                                Instant expiresAt, Instant consumedAt) {}
