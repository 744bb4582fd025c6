package dev.tessera.authorize;

import dev.tessera.tenant.TenantId;
import dev.tessera.user.PasswordHasher;
import dev.tessera.user.User;
import dev.tessera.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Password sign-in with throttling per account and per client address (exponentially growing locks),
 * and no user enumeration: unknown users cost a full hash and get the same message.
 * Spec: OWASP ASVS V2.2; NIST SP 800-63B §5.2.2.
 */
public final class SignIn {
    public static final int ACCOUNT_FAILURES_BEFORE_LOCK = 5;
    public static final int ADDRESS_FAILURES_BEFORE_LOCK = 20;
    public static final long FIRST_LOCK_SECONDS = 60;
    public static final long MAX_LOCK_SECONDS = 900;
    /** Failures this long after the last one (or after the lock ended) are forgotten, so old ones never add up. */
    public static final long FAILURE_MEMORY_SECONDS = 3600;

    public sealed interface Result {
        record Success(User user) implements Result {}

        /** {@code reason} is for the audit log only. */
        record Failure(String reason) implements Result {}

        record Throttled(String key, Instant until) implements Result {}
    }

    private final UserRepository users;
    private final SignInFailureRepository failures;
    private final PasswordHasher hasher;
    private final Clock clock;

    public SignIn(UserRepository users, SignInFailureRepository failures, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.failures = failures;
        this.hasher = hasher;
        this.clock = clock;
    }

    public Result attempt(TenantId tenant, String username, String password, String address) {
        Instant now = clock.instant();
        String accountKey = "u:" + dev.tessera.user.UserNames.key(username);   // RFC 8265: every typed form of one account
        String addressKey = "ip:" + address;
        for (String key : new String[] {accountKey, addressKey}) {
            var f = failures.get(tenant, key);
            if (f != null && f.lockedUntil().isAfter(now)) return new Result.Throttled(key, f.lockedUntil());
        }
        Optional<User> user = users.findByUserName(tenant, username);
        boolean ok;
        String reason;
        if (user.isEmpty() || user.get().passwordHash() == null) {
            hasher.dummyVerify(password);
            ok = false;
            reason = user.isEmpty() ? "unknown user" : "no password set";
        } else {
            ok = hasher.verify(password, user.get().passwordHash());
            reason = ok ? null : "wrong password";
            if (ok && !user.get().active()) {
                ok = false;
                reason = "user inactive";
            }
        }
        if (ok) {
            failures.clear(tenant, accountKey);
            return new Result.Success(user.get());
        }
        fail(tenant, accountKey, ACCOUNT_FAILURES_BEFORE_LOCK, now);
        fail(tenant, addressKey, ADDRESS_FAILURES_BEFORE_LOCK, now);
        return new Result.Failure(reason);
    }

    /** The {@code lockAt}-th failure locks for {@link #FIRST_LOCK_SECONDS}; each further one doubles it, up to the maximum. */
    private void fail(TenantId tenant, String key, int lockAt, Instant now) {
        var f = failures.get(tenant, key);
        if (f != null && f.lockedUntil().plusSeconds(FAILURE_MEMORY_SECONDS).isBefore(now)) {
            failures.clear(tenant, key);
            f = null;
        }
        int count = (f == null ? 0 : f.count()) + 1;
        long lock = count < lockAt ? 0 : Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS << Math.min(10, count - lockAt));
        failures.recordFailure(tenant, key, now, now.plusSeconds(lock));
    }
}
