package dev.tessera.tokenhandler;

import com.nimbusds.oauth2.sdk.GrantType;
import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditLog;
import dev.tessera.client.Client;
import dev.tessera.client.ClientRepository;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.tenant.TenantId;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Registers, changes and removes token-handler apps and rotates their cookie keys, checking each app
 * against the tenant's clients and keeping the request-path cache in step. Spec: CONTRACT §6.2, §3.
 */
public final class TokenHandlerAdministration {
    public record Saved(TokenHandlerApp app, boolean created) {}

    private final TokenHandlerRepository repository;
    private final TokenHandlerDirectory directory;
    private final TokenHandlerKeys keys;
    private final TenantDirectory tenants;
    private final ClientRepository clients;
    private final IssuerUrls issuers;
    private final AuditLog audit;
    private final Clock clock;

    public TokenHandlerAdministration(TokenHandlerRepository repository, TokenHandlerDirectory directory, TokenHandlerKeys keys,
                                      TenantDirectory tenants, ClientRepository clients, IssuerUrls issuers, AuditLog audit,
                                      Clock clock) {
        this.repository = repository;
        this.directory = directory;
        this.keys = keys;
        this.tenants = tenants;
        this.clients = clients;
        this.issuers = issuers;
        this.audit = audit;
        this.clock = clock;
    }

    public synchronized Saved put(TenantId tenant, TokenHandlerAppId id, TokenHandlerSettings given) {
        requireTenant(tenant);
        TokenHandlerSettings settings = checkAgainstClient(tenant, given);
        checkCookieDomain(settings.cookies());
        checkCookiePath(tenant, id, settings.cookies());
        if (repository.list(tenant).stream().anyMatch(a -> !a.id().equals(id)
                && a.settings().cookies().prefix().equals(settings.cookies().prefix()))) {
            throw prefixTaken();
        }
        // stored as epoch millis: answer the same instants a later read returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<TokenHandlerApp> existing = repository.find(tenant, id);
        Saved saved;
        if (existing.isEmpty()) {
            TokenHandlerApp app = new TokenHandlerApp(id, settings, now, now);
            if (!repository.insert(tenant, app, keys.create(tenant, id, now))) throw prefixTaken();
            saved = new Saved(app, true);
        } else {
            TokenHandlerApp app = new TokenHandlerApp(id, settings, existing.get().createdAt(), now);
            if (!repository.update(tenant, app)) throw prefixTaken();
            saved = new Saved(app, false);
        }
        directory.invalidate(tenant);
        audit.emit(tenant, saved.created() ? "token_handler.created" : "token_handler.updated", AuditEvent.SUCCESS,
                settings.clientId(), null, Map.of("app", id.value()));
        return saved;
    }

    public Optional<TokenHandlerApp> find(TenantId tenant, TokenHandlerAppId id) {
        requireTenant(tenant);
        return repository.find(tenant, id);
    }

    public boolean delete(TenantId tenant, TokenHandlerAppId id) {
        requireTenant(tenant);
        boolean deleted = repository.delete(tenant, id);
        directory.invalidate(tenant);
        if (deleted) audit.emit(tenant, "token_handler.deleted", AuditEvent.SUCCESS, null, null, Map.of("app", id.value()));
        return deleted;
    }

    /**
     * A new current key encrypts from now on; the previous one still decrypts for one cookie lifetime
     * (the longest cookie's), then is dropped; keys whose time has passed are deleted now.
     */
    public synchronized void rotateKeys(TenantId tenant, TokenHandlerAppId id) {
        Tenant t = requireTenant(tenant);
        if (repository.find(tenant, id).isEmpty()) throw unknownApp();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant previousUntil = now.plus(CookieLifetimes.of(t.settings()).longest());
        if (!repository.rotateKey(tenant, id, keys.create(tenant, id, now), previousUntil, now)) {
            throw new OAuthException(ErrorCode.CONFLICT, "The keys were rotated concurrently; try again");
        }
        directory.invalidate(tenant);
        audit.emit(tenant, "token_handler.keys_rotated", AuditEvent.SUCCESS, null, null,
                Map.of("app", id.value(), "previous_key_until", previousUntil.toString()));
    }

    /**
     * The client must exist in the tenant, use the code grant, hold the redirect URI and allow the scope.
     * CONTRACT §6.2: an absent scope is the client's whole registered scope (so the SPA's tokens can
     * call its APIs); the agent signs in with OpenID Connect, so that scope must hold {@code openid}.
     * Returns the settings with the scope resolved.
     */
    private TokenHandlerSettings checkAgainstClient(TenantId tenant, TokenHandlerSettings s) {
        Client client = clients.find(tenant, s.clientId())
                .orElseThrow(() -> OAuthException.invalidRequest("clientId names no client of this tenant"));
        if (!client.allowsGrant(GrantType.AUTHORIZATION_CODE)) {
            throw OAuthException.invalidRequest("The client must have the authorization_code grant");
        }
        boolean registered = client.metadata().getRedirectionURIs() != null
                && client.metadata().getRedirectionURIs().stream().anyMatch(u -> u.toString().equals(s.redirectUri()));
        if (!registered) throw OAuthException.invalidRequest("redirectUri must be one of the client's redirect_uris");
        if (s.scope().isEmpty()) {
            if (!client.registeredScope().contains("openid")) {
                throw OAuthException.invalidRequest("scope is absent, so it is the client's registered scope, "
                        + "which must include openid for the agent's sign-in; register openid or give scope");
            }
            return s.withScope(client.registeredScope());
        }
        if (!client.registeredScope().containsAll(s.scope())) {
            throw OAuthException.invalidRequest("scope must lie within the client's registered scope");
        }
        return s;
    }

    /** RFC 6265 §5.3 step 6: a Domain the setting host does not domain-match is ignored by browsers. */
    private void checkCookieDomain(CookieSettings cookies) {
        if (cookies.domain() == null) return;
        String host = URI.create(issuers.publicUrl()).getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(cookies.domain()) && !host.endsWith("." + cookies.domain())) {
            throw OAuthException.invalidRequest("cookieDomain must be Tessera's public host or a parent domain of it");
        }
    }

    /**
     * RFC 6265 §5.1.4: the browser sends the cookies only to paths the cookie path matches, so it must
     * match the agent's own path (the API behind the gateway is the operator's to place under it too).
     */
    private void checkCookiePath(TenantId tenant, TokenHandlerAppId id, CookieSettings cookies) {
        String base = URI.create(issuers.issuer(tenant)).getRawPath();
        String agent = base + "/token-handler/" + id.value();
        String path = cookies.path();
        boolean matches = agent.equals(path) || agent.startsWith(path)
                && (path.endsWith("/") || agent.charAt(path.length()) == '/');
        if (!matches) {
            throw OAuthException.invalidRequest("cookiePath must be a path prefix of the agent's path " + agent
                    + ", or the browser never sends the cookies to the agent");
        }
    }

    private Tenant requireTenant(TenantId tenant) {
        return tenants.find(tenant).orElseThrow(() -> new OAuthException(ErrorCode.NOT_FOUND, "Unknown tenant"));
    }

    static OAuthException unknownApp() {
        return new OAuthException(ErrorCode.NOT_FOUND, "Unknown token-handler app");
    }

    private static OAuthException prefixTaken() {
        return new OAuthException(ErrorCode.CONFLICT, "cookiePrefix is used by another token-handler app of this tenant");
    }
}
