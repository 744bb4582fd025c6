package dev.tessera.grant;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.tessera.authorize.AuthorizationCode;
import dev.tessera.authorize.AuthorizationCodeRepository;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import dev.tessera.revocation.GrantRevocation;
import dev.tessera.tenant.Feature;
import dev.tessera.token.TokenHash;
import dev.tessera.token.TokenHasher;
import dev.tessera.user.User;
import dev.tessera.user.UserRepository;
import java.util.Optional;
import java.util.Set;

/**
 * Authorization code grant: a code is redeemed once; a replay revokes the tokens issued from it, also
 * when the replay races the first redemption (see {@link GrantRevocation}).
 * Spec: RFC 6749 §4.1.2, §4.1.3; RFC 7636 §4.6; OIDC Core §3.1.3; RFC 9700 §4.2.4.
 */
public final class AuthorizationCodeGrant implements GrantHandler<AuthorizationCodeRequest> {
    public static final String URI = "authorization_code";
    private static final GrantType TYPE = new GrantType(URI, GrantType.ClientAuthRule.PUBLIC_ALLOWED,
            Set.of("code", "redirect_uri", "code_verifier"), Set.of(), Feature.AUTHORIZATION_CODE);

    private final AuthorizationCodeRepository codes;
    private final UserRepository users;
    private final GrantRevocation revocation;
    private final UserTokens tokens;
    private final TokenHasher hasher;

    public AuthorizationCodeGrant(AuthorizationCodeRepository codes, UserRepository users, GrantRevocation revocation,
                                  UserTokens tokens, TokenHasher hasher) {
        this.codes = codes;
        this.users = users;
        this.revocation = revocation;
        this.tokens = tokens;
        this.hasher = hasher;
    }

    @Override
    public TokenResult handle(AuthorizationCodeRequest req, GrantContext ctx) {
        var client = ctx.client().client();
        TokenHash hash = hasher.hash(req.code());
        AuthorizationCode code = codes.find(ctx.tenant(), hash)
                .orElseThrow(() -> invalidGrant("unknown authorization code"));
        if (!code.redirect().clientId().equals(client.clientId())) {
            throw invalidGrant("code issued to another client");
        }
        if (code.consumedAt() != null || !codes.consume(ctx.tenant(), hash, ctx.clock().instant())) {
            revocation.revokeFamily(ctx.tenant(), code.grantId());                 // §4.1.2: revoke what it issued
            throw invalidGrant("authorization code replayed").auditEvent("authorization_code.replayed");
        }
        if (!ctx.clock().instant().isBefore(code.expiresAt())) throw invalidGrant("authorization code expired");
        if (!redirectMatches(code, req.redirectUri(), client)) throw invalidGrant("redirect_uri mismatch");
        String challenge = code.requested().codeChallenge();
        if (challenge != null) {
            if (req.codeVerifier() == null) throw invalidGrant("code_verifier missing");
            CodeVerifier verifier;
            try {
                verifier = new CodeVerifier(req.codeVerifier());
            } catch (IllegalArgumentException e) {
                throw invalidGrant("code_verifier malformed");
            }
            if (!CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue().equals(challenge)) {
                throw invalidGrant("PKCE verification failed");
            }
        } else if (req.codeVerifier() != null) {
            throw invalidGrant("code_verifier without a code_challenge");
        }
        Optional<User> user = users.find(ctx.tenant(), code.authentication().userId()).filter(User::active);
        if (user.isEmpty()) throw invalidGrant("user inactive or deleted");
        TokenResult result = tokens.issue(ctx, URI, new UserTokens.Family(code.grantId(), code.requested().scope(),
                code.requested().resources(), code.authentication(), null), code.requested().scope(), code.requested().nonce());
        // §4.1.2: a replay racing this redemption may have revoked the family before these tokens were
        // stored; checked after storing them, so one side always catches them (GrantRevocation).
        if (revocation.revokedMeanwhile(ctx.tenant(), code.grantId())) {
            throw invalidGrant("authorization code replayed while its tokens were issued; family revoked");
        }
        return result;
    }

    /**
     * §4.1.3: redirect_uri is REQUIRED if the authorization request included it, and must be identical.
     * It may be left out only where the authorization request left it out too (the client has exactly
     * that one redirect URI).
     */
    private static boolean redirectMatches(AuthorizationCode code, String presented, dev.tessera.client.Client client) {
        String issuedTo = code.redirect().redirectUri();
        if (presented != null) return issuedTo.equals(presented);
        if (code.requested().redirectUriGiven()) return false;
        var registered = client.metadata().getRedirectionURIs();
        return registered != null && registered.size() == 1 && registered.iterator().next().toString().equals(issuedTo);
    }

    private static OAuthException invalidGrant(String detail) {
        return new OAuthException(ErrorCode.INVALID_GRANT, "The authorization code is invalid").detail(detail);
    }

    @Override
    public GrantType type() { return TYPE; }

    @Override
    public AuthorizationCodeRequest parse(FormParameters form) {
        return AuthorizationCodeRequest.parse(form);
    }
}
