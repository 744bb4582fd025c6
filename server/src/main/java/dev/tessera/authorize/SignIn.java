package dev.tessera.authorize;

import dev.tessera.tenant.TenantId;
import dev.tessera.token.TokenHasher;
import dev.tessera.user.HashingGate;
import dev.tessera.user.PasswordHasher;
import dev.tessera.user.User;
import dev.tessera.user.UserNames;
import dev.tessera.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Password sign-in with throttling a legitimate user gets through: failures count per (account,
 * source) pair, which waits after {@link #PAIR_FAILURES_BEFORE_WAIT}, and per source across accounts
 * ({@link #SOURCE_FAILURES_BEFORE_WAIT}); an IPv6 source is its /64 (one subscriber's prefix). The
 * account's own counter makes it "guarded" at {@link #ACCOUNT_FAILURES_BEFORE_GUARD} (sources that
 * already failed on it wait sooner) and, at {@link #ACCOUNT_FAILURES_BEFORE_WAIT}, bounds the guesses
 * from everywhere else (NIST SP 800-63B §5.2.2) with progressive waits. None of this holds back a
 * <em>known browser</em>: one that signed in to this account before carries a keyed proof of it
 * ({@link #knownBrowserProof}) and has its own budget, so nobody can keep a victim out from somewhere
 * else, nor from behind the same NAT (issue 9 item 5). Throttled attempts are
 * refused before any password work; unknown users cost a full hash and get the same answers; the
 * hashing runs through the {@link HashingGate}. Spec: OWASP ASVS V2.2.1; NIST SP 800-63B §5.2.2; CONTRACT §4, §8.2.
 */
public final class SignIn {
    public static final int PAIR_FAILURES_BEFORE_WAIT = 5;
    public static final int SOURCE_FAILURES_BEFORE_WAIT = 20;
    /** Failures of one account from all sources that make it guarded. */
    public static final int ACCOUNT_FAILURES_BEFORE_GUARD = 20;
    /** Failures of one account from unknown browsers after which further unknown browsers wait (progressively). */
    public static final int ACCOUNT_FAILURES_BEFORE_WAIT = 100;
    /** While an account is guarded, a pair waits after this many failures. */
    public static final int GUARDED_PAIR_FAILURES_BEFORE_WAIT = 2;
    public static final long FIRST_WAIT_SECONDS = 60;
    public static final long MAX_WAIT_SECONDS = 900;
    /** Failures this long after the last one (or after the wait ended) are forgotten, so old ones never add up. */
    public static final long FAILURE_MEMORY_SECONDS = 3600;

    public sealed interface Result {
        record Success(User user) implements Result {}

        /**
         * {@code reason} is for the audit log only; {@code subject} is the account's user id when it
         * exists (else null) and {@code userNameHash} the keyed hash of the typed name: logs carry these, never the text.
         */
        record Failure(String reason, String subject, String userNameHash) implements Result {}

        /**
         * {@code scope} is {@code "pair"} (this account from this source, or from this known browser),
         * {@code "source"} (this source) or {@code "account"} (this account, for browsers it does not know).
         */
        record Throttled(String scope, Instant until, String userNameHash) implements Result {}

        /** Too many password checks are running or waiting: try again in a moment. */
        record Busy(String userNameHash) implements Result {}
    }

    private final UserRepository users;
    private final SignInFailureRepository failures;
    private final PasswordHasher hasher;
    private final HashingGate gate;
    private final TokenHasher keyedHash;
    private final Clock clock;

    public SignIn(UserRepository users, SignInFailureRepository failures, PasswordHasher hasher, HashingGate gate,
                  TokenHasher keyedHash, Clock clock) {
        this.users = users;
        this.failures = failures;
        this.hasher = hasher;
        this.gate = gate;
        this.keyedHash = keyedHash;
        this.clock = clock;
    }

    /**
     * @param source the client's address as {@code Exchange.remoteAddress()} believes it (CONTRACT §8.2)
     * @param knownBrowser the browser's proof of an earlier sign-in ({@link #knownBrowserProof}), or null
     */
    public Result attempt(TenantId tenant, String username, String password, String source, String knownBrowser) {
        Instant now = clock.instant();
        String name = userNameHash(username);
        boolean known = knownBrowser != null && java.security.MessageDigest.isEqual(
                knownBrowser.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                knownBrowserProof(tenant, username).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String pairKey = known ? "k:" + name : "p:" + name + "@" + throttlingSource(source);
        String sourceKey = "ip:" + throttlingSource(source);
        String accountKey = "u:" + name;
        String[] checked = known ? new String[] {pairKey} : new String[] {pairKey, sourceKey, accountKey};
        for (String key : checked) {
            var f = failures.get(tenant, key);
            if (f != null && f.lockedUntil().isAfter(now)) {
                String scope = key.startsWith("ip:") ? "source" : key.startsWith("u:") ? "account" : "pair";
                return new Result.Throttled(scope, f.lockedUntil(), name);
            }
        }
        Optional<User> user = users.findByUserName(tenant, username);
        String reason;
        HashingGate.Outcome outcome;
        if (user.isEmpty() || user.get().passwordHash() == null) {
            outcome = gate.check(() -> {
                hasher.dummyVerify(password);
                return false;
            });
            reason = user.isEmpty() ? "unknown user" : "no password set";
        } else {
            outcome = gate.check(() -> hasher.verify(password, user.get().passwordHash()));
            reason = outcome == HashingGate.Outcome.MATCH && !user.get().active() ? "user inactive" : "wrong password";
        }
        if (outcome == HashingGate.Outcome.BUSY) return new Result.Busy(name);
        if (outcome == HashingGate.Outcome.MATCH && user.get().active()) {
            failures.clear(tenant, pairKey);
            return new Result.Success(user.get());
        }
        if (known) {
            fail(tenant, pairKey, PAIR_FAILURES_BEFORE_WAIT, now);   // its own budget; it never counts against the account
        } else {
            var account = failures.get(tenant, accountKey);
            boolean guarded = account != null && account.count() >= ACCOUNT_FAILURES_BEFORE_GUARD
                    && !account.lockedUntil().plusSeconds(FAILURE_MEMORY_SECONDS).isBefore(now);
            fail(tenant, pairKey, guarded ? GUARDED_PAIR_FAILURES_BEFORE_WAIT : PAIR_FAILURES_BEFORE_WAIT, now);
            fail(tenant, sourceKey, SOURCE_FAILURES_BEFORE_WAIT, now);
            fail(tenant, accountKey, ACCOUNT_FAILURES_BEFORE_WAIT, now);
        }
        return new Result.Failure(reason, user.map(u -> u.id().value()).orElse(null), name);
    }

    /**
     * The typed user name as it may be stored or logged: a keyed hash of its comparison form, never
     * the text (which is sometimes a password typed in the wrong field; issue 9 item 8). The one
     * place that decides when two typed names are the same account for throttling: the RFC 8265
     * key ({@link UserNames#key}), so every width or case variant of a name shares one budget.
     */
    String userNameHash(String username) {
        return keyedHash.hash("tessera/sign-in-user-name:" + UserNames.key(username)).value();
    }

    /**
     * What a browser that signed in to this account shows later (an HttpOnly cookie): a keyed hash of
     * tenant and account, so it cannot be made without the server's key and says nothing readable.
     */
    public String knownBrowserProof(TenantId tenant, String username) {
        return keyedHash.hash("tessera/known-browser:" + tenant.value() + ":" + UserNames.key(username)).value();
    }

    /**
     * The source a budget is kept for: an IPv4 address as it is, an IPv6 address as its /64 (a
     * subscriber gets a whole /64, so single addresses would give an attacker 2^64 fresh budgets).
     */
    static String throttlingSource(String source) {
        if (source == null || source.indexOf(':') < 0) return source;
        try {
            byte[] a = java.net.InetAddress.getByName(source).getAddress();   // a literal: no lookup
            if (a.length != 16) return source;
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 8; i += 2) b.append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff))).append(':');
            return b.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return source;
        }
    }

    /** The {@code waitAt}-th failure waits {@link #FIRST_WAIT_SECONDS}; each further one doubles it, up to the maximum. */
    private void fail(TenantId tenant, String key, int waitAt, Instant now) {
        var f = failures.get(tenant, key);
        if (f != null && f.lockedUntil().plusSeconds(FAILURE_MEMORY_SECONDS).isBefore(now)) {
            failures.clear(tenant, key);
            f = null;
        }
        int count = (f == null ? 0 : f.count()) + 1;
        long wait = count < waitAt ? 0 : Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS << Math.min(10, count - waitAt));
        failures.recordFailure(tenant, key, now, now.plusSeconds(wait));
    }
}
