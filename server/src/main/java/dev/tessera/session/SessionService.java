package dev.tessera.session;

import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.keys.RandomValues;
import dev.tessera.token.TokenHasher;
import dev.tessera.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Creates, resolves and ends sessions with idle and absolute timeouts from the tenant's settings. */
public final class SessionService {
    /** Cookie name; its path is the tenant's issuer path, so each tenant has its own session. */
    public static final String COOKIE = "tessera_session";

    /** A new session and the cookie value that refers to it (never stored). */
    public record Started(Session session, String cookieValue) {}

    private final SessionRepository repository;
    private final TokenHasher hasher;
    private final Clock clock;

    public SessionService(SessionRepository repository, TokenHasher hasher, Clock clock) {
        this.repository = repository;
        this.hasher = hasher;
        this.clock = clock;
    }

    public Started start(TenantId tenant, TenantSettings settings, UserId user, String amr, String acr) {
        Instant now = clock.instant();
        String value = RandomValues.token(32);
        Session s = new Session(hasher.hash(value), RandomValues.token(16), user, now, amr, acr, now, now,
                now.plusSeconds(settings.sessions().sessionIdleTtlSeconds()), now.plusSeconds(settings.sessions().sessionMaxTtlSeconds()), null);
        repository.insert(tenant, s);
        return new Started(s, value);
    }

    /**
     * The session after a successful sign-in in a browser that may already hold one ({@code previous}):
     * the same user's session is superseded in place (same sid, new cookie value, new auth_time), so
     * the old cookie no longer answers, not even {@code prompt=none}; another user's session is ended
     * and a new one started (new sid). Spec: OIDC Core §3.1.2.1 (prompt=login), §2 (auth_time);
     * OWASP session management (renew the id on authentication).
     */
    public Started signedIn(TenantId tenant, TenantSettings settings, Optional<Session> previous, UserId user, String amr,
                            String acr) {
        if (previous.isPresent() && previous.get().userId().equals(user)) {
            Session p = previous.get();
            Instant now = clock.instant();
            String value = RandomValues.token(32);
            Instant idle = now.plusSeconds(settings.sessions().sessionIdleTtlSeconds());
            if (repository.reauthenticate(tenant, p.sid(), hasher.hash(value), now, amr, acr, idle)) {
                return new Started(new Session(hasher.hash(value), p.sid(), user, now, amr, acr, p.createdAt(), now, idle,
                        p.expiresAt(), null), value);
            }
        } else {
            previous.ifPresent(p -> end(tenant, p.sid()));
        }
        return start(tenant, settings, user, amr, acr);
    }

    /** The active session the cookie refers to, refreshed for idle timeout; empty if none. */
    public Optional<Session> resolve(TenantId tenant, TenantSettings settings, String cookieValue) {
        if (cookieValue == null || cookieValue.length() != 43) return Optional.empty();
        Instant now = clock.instant();
        Optional<Session> s = repository.find(tenant, hasher.hash(cookieValue)).filter(x -> x.isActiveAt(now));
        s.ifPresent(x -> touch(tenant, settings, x));
        return s;
    }

    /** Records activity (a page visit, or a refresh of the session's tokens): a new idle period, written at most once a minute. */
    public void touch(TenantId tenant, TenantSettings settings, Session s) {
        Instant now = clock.instant();
        if (s.lastSeenAt().plusSeconds(60).isBefore(now)) {
            repository.touch(tenant, s.hash(), now, now.plusSeconds(settings.sessions().sessionIdleTtlSeconds()));
        }
    }

    public Optional<Session> bySid(TenantId tenant, String sid) {
        Instant now = clock.instant();
        return repository.findBySid(tenant, sid).filter(x -> x.isActiveAt(now));
    }

    public boolean end(TenantId tenant, String sid) {
        return repository.end(tenant, sid, clock.instant());
    }

    public int endAllOf(TenantId tenant, UserId user) {
        return repository.endAllOf(tenant, user, clock.instant());
    }
}
