package dev.tessera.scim;

import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.session.SessionService;
import dev.tessera.tenant.TenantId;
import dev.tessera.token.RefreshTokenRepository;
import dev.tessera.user.PasswordHasher;
import dev.tessera.user.PasswordPolicy;
import dev.tessera.user.User;
import dev.tessera.user.UserId;
import dev.tessera.user.UserNames;
import dev.tessera.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * SCIM user provisioning: create, read, replace, patch, delete and search users of a tenant, with
 * optimistic versions, the password policy, and the consequences of deactivation (sessions ended,
 * refresh tokens revoked). Every change is audited, never with the password.
 * Spec: RFC 7644 §3.3, §3.4, §3.5.1, §3.5.2, §3.6, §3.14; CONTRACT §3 (Users).
 */
public final class UserProvisioning {
    private static final int ATTEMPTS = 3;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SessionService sessions;
    private final RefreshTokenRepository refreshTokens;
    private final AuditLog audit;
    private final Clock clock;

    public UserProvisioning(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, SessionService sessions,
                            RefreshTokenRepository refreshTokens, AuditLog audit, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
    }

    public User create(TenantId tenant, Map<String, Object> body, ClientId actor) {
        UserResource.Parsed p = UserResource.parse(body);
        requireValidUserName(p.userName(), null);
        if (users.findByUserName(tenant, p.userName()).isPresent()) throw uniqueness();
        String hash = p.password() == null ? null : hash(p.userName(), p.password());
        Instant now = now();
        User u = new User(new UserId(UUID.randomUUID().toString()), p.userName(), p.externalId(), p.active(), hash,
                p.resource(), 1, now, now);
        if (!users.insert(tenant, u)) throw uniqueness();
        audit.emit(tenant, "user.created", AuditEvent.SUCCESS, actor, u.id().value(), details(u, hash != null, null));
        return u;
    }

    public User get(TenantId tenant, UserId id) {
        return users.find(tenant, id).orElseThrow(UserProvisioning::notFound);
    }

    /** PUT: replaces every attribute; a missing password keeps the current one (it is write-only). */
    public User replace(TenantId tenant, UserId id, Map<String, Object> body, String ifMatch, ClientId actor) {
        User before = get(tenant, id);
        ETags.requireMatch(ifMatch, before.version());
        UserResource.Parsed p = UserResource.parse(body);
        if (p.id() != null && !id.value().equals(p.id())) throw ScimPatch.mutability("id");
        requireValidUserName(p.userName(), before.userName());
        users.findByUserName(tenant, p.userName()).filter(o -> !o.id().equals(id)).ifPresent(o -> { throw uniqueness(); });
        String newHash = p.password() == null ? null : hash(p.userName(), p.password());
        for (int attempt = 1; ; attempt++) {
            User cur = get(tenant, id);
            ETags.requireMatch(ifMatch, cur.version());
            User next = new User(id, p.userName(), p.externalId(), p.active(), newHash != null ? newHash : cur.passwordHash(),
                    p.resource(), cur.version() + 1, cur.createdAt(), now());
            if (store(tenant, cur, next, ifMatch, attempt)) {
                changed(tenant, cur, next, "user.replaced", actor, details(next, newHash != null, null));
                return next;
            }
        }
    }

    /** PATCH: applies the operations to the stored resource, then validates the result as PUT would. */
    public User patch(TenantId tenant, UserId id, Map<String, Object> body, String ifMatch, ClientId actor) {
        String hashedFor = null;
        String newHash = null;
        for (int attempt = 1; ; attempt++) {
            User cur = get(tenant, id);
            ETags.requireMatch(ifMatch, cur.version());
            ScimPatch patch = ScimPatch.parse(body, UserResource.extensionUrns(cur.resource()));
            Map<String, Object> base = new LinkedHashMap<>(cur.resource());
            base.put("userName", cur.userName());
            base.put("active", cur.active());
            if (cur.externalId() != null) base.put("externalId", cur.externalId());
            else base.remove("externalId");
            ScimPatch.Result result = patch.apply(base);
            UserResource.Parsed p = UserResource.parse(result.resource());
            requireValidUserName(p.userName(), cur.userName());
            String hash = cur.passwordHash();
            if (p.password() != null) {
                if (!p.password().equals(hashedFor)) {
                    newHash = hash(p.userName(), p.password());
                    hashedFor = p.password();
                }
                hash = newHash;
            } else if (result.passwordRemoved()) {
                hash = null;
            }
            if (p.resource().equals(cur.resource()) && p.userName().equals(cur.userName()) && p.active() == cur.active()
                    && Objects.equals(p.externalId(), cur.externalId()) && Objects.equals(hash, cur.passwordHash())) {
                return cur;
            }
            User next = new User(cur.id(), p.userName(), p.externalId(), p.active(), hash, p.resource(), cur.version() + 1,
                    cur.createdAt(), now());
            if (store(tenant, cur, next, ifMatch, attempt)) {
                changed(tenant, cur, next, "user.patched", actor,
                        details(next, !Objects.equals(hash, cur.passwordHash()), operations(patch)));
                return next;
            }
        }
    }

    public void delete(TenantId tenant, UserId id, String ifMatch, ClientId actor) {
        User cur = get(tenant, id);
        ETags.requireMatch(ifMatch, cur.version());
        if (!users.delete(tenant, cur.id())) throw notFound();
        Map<String, String> d = details(cur, false, null);
        d.putAll(endAccess(tenant, cur.id()));
        audit.emit(tenant, "user.deleted", AuditEvent.SUCCESS, actor, cur.id().value(), d);
    }

    public UserRepository.Page search(TenantId tenant, ScimQuery q) {
        return users.search(tenant, q.filter(), q.startIndex(), q.count());
    }

    /** True when stored; false to retry after a concurrent change (only without If-Match, and a few times). */
    private boolean store(TenantId tenant, User cur, User next, String ifMatch, int attempt) {
        switch (users.replace(tenant, next, cur.version())) {
            case REPLACED:
                return true;
            case NOT_FOUND:
                throw notFound();
            case USER_NAME_TAKEN:
                throw uniqueness();
            default:
                if (ifMatch != null) throw new OAuthException(ErrorCode.PRECONDITION_FAILED, "The resource has changed");
                if (attempt >= ATTEMPTS) {
                    throw new OAuthException(ErrorCode.CONFLICT, "The user is being changed concurrently; try again");
                }
                return false;
        }
    }

    private void changed(TenantId tenant, User cur, User next, String type, ClientId actor, Map<String, String> details) {
        audit.emit(tenant, type, AuditEvent.SUCCESS, actor, next.id().value(), details);
        if (cur.active() && !next.active()) {
            Map<String, String> d = details(next, false, null);
            d.putAll(endAccess(tenant, next.id()));
            audit.emit(tenant, "user.deactivated", AuditEvent.SUCCESS, actor, next.id().value(), d);
        }
    }

    /** A deactivated or deleted user keeps no session and no refresh token (CONTRACT §3). */
    private Map<String, String> endAccess(TenantId tenant, UserId id) {
        int ended = sessions.endAllOf(tenant, id);
        int revoked = refreshTokens.revokeUser(tenant, id, clock.instant());
        return Map.of("sessionsEnded", Integer.toString(ended), "refreshTokensRevoked", Integer.toString(revoked));
    }

    /**
     * RFC 8265 §3.4: a new or changed userName must be a valid UsernameCaseMapped username; a name
     * stored before that rule, sent back unchanged, is kept. Uniqueness is on {@link UserNames#key}.
     */
    private static void requireValidUserName(String userName, String current) {
        if (userName.equals(current)) return;
        String violation = UserNames.violation(userName);
        if (violation != null) throw UserResource.invalidValue("userName " + violation);
    }

    private String hash(String userName, String password) {
        String violation = policy.violation(userName, password);
        if (violation != null) throw new OAuthException(ErrorCode.SCIM_INVALID_VALUE, violation);
        return hasher.hash(password);
    }

    private static Map<String, String> details(User u, boolean passwordChanged, String operations) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("userName", u.userName().length() > 64 ? u.userName().substring(0, 64) : u.userName());
        d.put("active", Boolean.toString(u.active()));
        if (passwordChanged) d.put("passwordChanged", "true");
        if (operations != null) d.put("operations", operations);
        return d;
    }

    /** The operations and paths of a PATCH, never its values. */
    private static String operations(ScimPatch patch) {
        StringBuilder b = new StringBuilder();
        for (ScimPatch.Operation op : patch.operations()) {
            if (b.length() > 0) b.append(", ");
            b.append(op.type().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(op.path() == null ? "(attributes)" : op.path().toString());
            if (b.length() > 256) return b.substring(0, 256) + "…";
        }
        return b.toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The user id of a request path; an impossible id is simply an unknown user (404). */
    public static UserId userId(String raw) {
        try {
            return new UserId(raw);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static OAuthException notFound() {
        return new OAuthException(ErrorCode.NOT_FOUND, "Unknown user");
    }

    private static OAuthException uniqueness() {
        return new OAuthException(ErrorCode.SCIM_UNIQUENESS, "userName is already taken in this tenant");
    }
}
