package dev.tessera.token;

import dev.tessera.keys.RandomValues;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.Scope;
import dev.tessera.user.Authentication;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Mints refresh tokens (256 random bits, only the keyed hash stored) within a family. Spec: RFC 6749 §6; RFC 9700 §4.14.2. */
public final class RefreshTokens {
    private final RefreshTokenRepository repository;
    private final TokenHasher hasher;
    private final Clock clock;

    public RefreshTokens(RefreshTokenRepository repository, TokenHasher hasher, Clock clock) {
        this.repository = repository;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A new token of family {@code grantId}; {@code familyExpiresAt} null starts the family now. */
    public String issue(TenantId tenant, TenantSettings settings, String grantId, ClientId client, Scope scope,
                        List<String> resources, Authentication authn, boolean offline, Instant familyExpiresAt) {
        Instant now = clock.instant();
        Instant family = familyExpiresAt != null ? familyExpiresAt : now.plusSeconds(settings.tokens().refreshTokenMaxTtlSeconds());
        Instant idle = now.plusSeconds(settings.tokens().refreshTokenIdleTtlSeconds());
        String value = RandomValues.token(32);
        repository.save(tenant, new RefreshTokenRecord(hasher.hash(value), grantId, client, scope, resources, authn, offline,
                new RefreshTokenRecord.Lifetime(now, idle.isBefore(family) ? idle : family, family, null, null)));
        return value;
    }
}
