package dev.tessera.oidc;

import dev.tessera.introspection.ActiveToken;
import dev.tessera.introspection.TokenLookup;
import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.Tenant;
import dev.tessera.user.User;
import dev.tessera.user.UserId;
import dev.tessera.user.UserRepository;
import java.util.Map;
import java.util.Optional;

/**
 * The claims UserInfo returns for an access token: those of an active user and the token's scopes,
 * provided it holds {@code openid}. Used by the UserInfo endpoint and the token handler.
 * Spec: OIDC Core §5.3, §5.4.
 */
public final class UserInfoService {
    /** The outcome: the claims, or why there are none. */
    public sealed interface Result permits Result.Claims, Result.InvalidToken, Result.InsufficientScope {
        /** The claims, and the client the access token was issued to (whose userinfo format applies). */
        record Claims(Map<String, Object> claims, ClientId clientId) implements Result {}

        /** Unknown, expired or revoked token, or an inactive or deleted user. */
        record InvalidToken() implements Result {}

        /** The token lacks scope {@code openid}. */
        record InsufficientScope() implements Result {}
    }

    private final TokenLookup tokens;
    private final UserRepository users;

    public UserInfoService(TokenLookup tokens, UserRepository users) {
        this.tokens = tokens;
        this.users = users;
    }

    public Result claims(Tenant tenant, String accessToken) {
        Optional<ActiveToken> active = tokens.find(tenant.id(), tenant.settings(), accessToken);
        Optional<User> user = active.flatMap(a -> userOf(tenant, a)).filter(User::active);
        if (user.isEmpty()) return new Result.InvalidToken();
        if (!active.get().claims().scope().contains("openid")) return new Result.InsufficientScope();
        return new Result.Claims(UserInfoClaims.of(user.get(), active.get().claims().scope()),
                active.get().claims().clientId());
    }

    private Optional<User> userOf(Tenant tenant, ActiveToken a) {
        try {
            return users.find(tenant.id(), new UserId(a.claims().subject()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
