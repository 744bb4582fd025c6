package dev.tessera.tokenhandler;

import dev.tessera.gateway.CookieTokenSource;
import dev.tessera.gateway.ForwardedRequest;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import java.time.Clock;
import java.util.Optional;

/**
 * The proxy side of the token handler: finds the tenant's app whose access-token cookie a forwarded
 * request carries, applies that app's Origin and CSRF rules to the original request, and opens the
 * cookie. Every failure is {@code invalid_token} (401), so forward-auth answers exactly as for a bad
 * bearer token; the reason goes to {@code detail}. Spec: CONTRACT §6.2 (proxy side), §6.1.
 */
public final class TokenHandlerCookies implements CookieTokenSource {
    private final TokenHandlerDirectory directory;
    private final TenantDirectory tenants;
    private final Clock clock;

    public TokenHandlerCookies(TokenHandlerDirectory directory, TenantDirectory tenants, Clock clock) {
        this.directory = directory;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public Optional<String> accessToken(TenantId tenant, ForwardedRequest request) {
        for (TokenHandlerDirectory.Entry listed : directory.apps(tenant)) {
            CookieSettings names = listed.settings().cookies();
            String sealed = request.cookie(names.name(CookieKind.ACCESS_TOKEN));
            if (sealed == null) continue;
            TokenHandlerDirectory.Entry entry = directory.forCookie(tenant, listed, sealed);
            TenantSettings settings = tenants.find(tenant).map(t -> t.settings()).orElseThrow(() -> refused("unknown tenant"));
            AppCookies cookies = new AppCookies(tenant, entry, CookieLifetimes.of(settings), clock.instant());
            // an unknown original method gets the stricter rules of a data-changing one
            String method = request.method() == null ? "POST" : request.method().toUpperCase(java.util.Locale.ROOT);
            Optional<String> origin = RequestRules.originViolation(entry.settings(), method, request.header("Origin"));
            if (origin.isPresent()) throw refused(origin.get());
            if (RequestRules.isDataChanging(method)) {
                String csrf = cookies.open(CookieKind.CSRF, request.cookie(names.name(CookieKind.CSRF))).orElse(null);
                Optional<String> violation = RequestRules.csrfViolation(request.header(names.csrfHeader()), csrf);
                if (violation.isPresent()) throw refused(violation.get());
            }
            return Optional.of(cookies.open(CookieKind.ACCESS_TOKEN, sealed)
                    .orElseThrow(() -> refused("access-token cookie cannot be opened (tampered, moved, expired or key dropped)")));
        }
        return Optional.empty();
    }

    private static OAuthException refused(String reason) {
        return new OAuthException(ErrorCode.INVALID_TOKEN, "The access-token cookie cannot be used for this request")
                .detail("token-handler cookie refused: " + reason);
    }
}
