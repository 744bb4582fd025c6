package dev.tessera.store;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import dev.tessera.audit.AuditEvent;
import dev.tessera.authorize.AuthorizationCode;
import dev.tessera.authorize.PendingAuthorization;
import dev.tessera.client.Client;
import dev.tessera.keys.KeyState;
import dev.tessera.keys.SigningKey;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ClientRedirect;
import dev.tessera.protocol.Scope;
import dev.tessera.session.Session;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.AuditSettings;
import dev.tessera.tenant.GatewaySettings;
import dev.tessera.tenant.SessionSettings;
import dev.tessera.tenant.SigningSettings;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.tenant.TokenSettings;
import dev.tessera.token.AccessTokenRecord;
import dev.tessera.token.RefreshTokenRecord;
import dev.tessera.token.TokenClaims;
import dev.tessera.token.TokenHash;
import dev.tessera.tokenhandler.CookieSettings;
import dev.tessera.tokenhandler.TokenHandlerApp;
import dev.tessera.tokenhandler.TokenHandlerAppId;
import dev.tessera.tokenhandler.TokenHandlerKey;
import dev.tessera.tokenhandler.TokenHandlerSettings;
import dev.tessera.user.Authentication;
import dev.tessera.user.User;
import dev.tessera.user.UserId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Stored values for the contract suites, named by intent. Every field differs from its default so a
 * column that is not written or not read shows up as a mismatch. {@code label} marks whose row it is.
 */
final class StoreData {
    /** A millisecond instant: the stores keep epoch milliseconds. */
    static final Instant T0 = Instant.parse("2031-05-04T10:15:30.123Z");

    private StoreData() {}

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static Tenant tenant(TenantId id, String label, Instant created) {
        TenantSettings s = new TenantSettings("Tenant " + label,
                new TokenSettings(900, 7200, 86_400, "https://api.example/" + label, "jwt"), new SigningSettings("RS256"),
                new GatewaySettings(15), new SessionSettings(600, 3600), new AuditSettings(30));
        return new Tenant(id, s, created, created.plusSeconds(5));
    }

    static SigningKey key(String kid, KeyState state, String label, Instant created) {
        Instant activated = state == KeyState.NEXT ? null : created.plusSeconds(60);
        Instant retired = state == KeyState.RETIRED ? created.plusSeconds(120) : null;
        Instant until = state == KeyState.RETIRED ? created.plusSeconds(3600) : null;
        return new SigningKey(kid, "ES256", state, "{\"kty\":\"EC\",\"kid\":\"" + kid + "\",\"x\":\"" + label + "\"}",
                "enc:" + label + ":" + kid, created, activated, retired, until);
    }

    static SigningKey activeKey(String kid, String label) {
        return key(kid, KeyState.ACTIVE, label, T0);
    }

    static SigningKey nextKey(String kid, String label) {
        return key(kid, KeyState.NEXT, label, T0.plusSeconds(1));
    }

    static SigningKey retiredKey(String kid, String label, Instant publishUntil) {
        SigningKey k = key(kid, KeyState.RETIRED, label, T0.minusSeconds(86_400));
        return k.withState(KeyState.RETIRED, k.activatedAt(), k.retiredAt(), publishUntil);
    }

    /** A confidential client_credentials client carrying both Tessera members. */
    static Client confidentialClient(String clientId, String label, Instant created) {
        ClientMetadata m = new ClientMetadata();
        m.setName("Client " + label);
        m.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        m.setScope(com.nimbusds.oauth2.sdk.Scope.parse("read write " + label));
        m.setTokenEndpointAuthMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
        m.setCustomField(Client.ACCESS_TOKEN_FORMAT, "jwt");
        m.setCustomField(Client.CONSENT_REQUIRED, true);
        return new Client(new ClientId(clientId), "secret-hash-" + label, "rat-hash-" + label, m, created,
                created.plusSeconds(1));
    }

    /** A public client: no secret hash, no registration access token. */
    static Client publicClient(String clientId, Instant created) {
        ClientMetadata m = new ClientMetadata();
        m.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE));
        m.setRedirectionURI(URI.create("https://app.example/cb"));
        m.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
        return new Client(new ClientId(clientId), null, null, m, created, created);
    }

    /** An unrevoked opaque token with every optional claim set. */
    static AccessTokenRecord token(String hash, String grantId, String label, Instant issued, Duration ttl) {
        TokenClaims c = new TokenClaims("jti-" + hash, new ClientId("client-" + label), "subject-" + label,
                Scope.parse("read write"), List.of("https://api.example/" + label, "urn:aud:2"),
                "client_credentials", issued, issued.plus(ttl), "cnf-" + label);
        return new AccessTokenRecord(new TokenHash(hash), c, grantId, null);
    }

    /** A token without the optional parts: no grant, no cnf, no scope, no audience. */
    static AccessTokenRecord bareToken(String hash, Instant issued, Duration ttl) {
        TokenClaims c = new TokenClaims("jti-" + hash, new ClientId("c"), "s", Scope.EMPTY, List.of(),
                "urn:ietf:params:oauth:grant-type:token-exchange", issued, issued.plus(ttl), null);
        return new AccessTokenRecord(new TokenHash(hash), c, null, null);
    }

    /** A token-handler app with every optional member set; {@code label} shows in its origin, domain and path. */
    static TokenHandlerApp tokenHandlerApp(String appId, String clientId, String prefix, String label, Instant created) {
        TokenHandlerSettings s = new TokenHandlerSettings(new ClientId(clientId),
                List.of("https://" + label + ".example", "http://127.0.0.1:5173"),
                new CookieSettings(prefix, label + ".example", "/" + label), "https://" + label + ".example/cb",
                Scope.parse("openid profile " + label));
        return new TokenHandlerApp(new TokenHandlerAppId(appId), s, created, created.plusSeconds(1));
    }

    /** A token-handler app without the optional members: host-only cookies at Path=/. */
    static TokenHandlerApp bareTokenHandlerApp(String appId, String clientId, String prefix, Instant created) {
        TokenHandlerSettings s = new TokenHandlerSettings(new ClientId(clientId), List.of("https://app.example"),
                new CookieSettings(prefix, null, null), "https://app.example/cb", null);
        return new TokenHandlerApp(new TokenHandlerAppId(appId), s, created, created);
    }

    /** A cookie key; {@code expiresAt} null makes it the current one. */
    static TokenHandlerKey tokenHandlerKey(String kid, String label, Instant created, Instant expiresAt) {
        return new TokenHandlerKey(kid, "enc:" + label + ":" + kid, created, expiresAt);
    }

    /**
     * An active user; {@code label} shows in its password hash, display name and the domain of its one
     * e-mail ({@code userName@label.example}). Its external id is {@code ext-<id>}; updated {@code version}
     * seconds after {@code created}.
     */
    static User user(String id, String userName, String label, long version, Instant created) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"));
        resource.put("userName", userName);
        resource.put("displayName", userName + " of " + label);
        resource.put("emails", List.of(Map.of("value", userName.toLowerCase(Locale.ROOT) + "@" + label + ".example")));
        return new User(new UserId(id), userName, "ext-" + id, true, "pwd-hash-" + label, resource, version, created,
                created.plusSeconds(version));
    }

    /** An open browser session of the user: idle for 30 minutes, 24 hours at most; {@code label} shows in its acr. */
    static Session session(String hash, String sid, String userId, String label, Instant created) {
        return new Session(new TokenHash(hash), sid, new UserId(userId), created.minusSeconds(5), "pwd", "acr-" + label, created,
                created, created.plusSeconds(1800), created.plusSeconds(86_400), null);
    }

    /** An unconsumed, unrevoked refresh token of {@code shared-client}; {@code label} shows in its scope and resource. */
    static RefreshTokenRecord refreshToken(String hash, String grantId, String userId, String sid, boolean offline,
                                           String label, Instant issued) {
        Authentication a = new Authentication(new UserId(userId), sid, issued.minusSeconds(5), "pwd", null);
        return new RefreshTokenRecord(new TokenHash(hash), grantId, new ClientId("shared-client"),
                Scope.parse("openid offline_access " + label), List.of("https://api.example/" + label), a, offline,
                new RefreshTokenRecord.Lifetime(issued, issued.plusSeconds(86_400), issued.plusSeconds(30 * 86_400L), null, null));
    }

    /** An unconsumed code of client {@code shared-client}; {@code label} shows in its redirect URI, scope, nonce and acr. */
    static AuthorizationCode authorizationCode(String hash, String grantId, String userId, String sid, String label,
                                               Instant expires) {
        var redirect = new ClientRedirect(new ClientId("shared-client"), "https://" + label + ".example/cb",
                "query", null);
        var requested = new PendingAuthorization.Requested(Scope.parse("openid " + label), "nonce-" + label,
                "challenge-" + label, List.of("https://api.example/" + label));
        var a = new Authentication(new UserId(userId), sid, expires.minusSeconds(600), "pwd", "acr-" + label);
        return new AuthorizationCode(new TokenHash(hash), grantId, redirect, requested, a, expires, null);
    }

    static AuditEvent event(TenantId tenant, Instant at, String type, String label) {
        return new AuditEvent(null, tenant.value(), at, type, AuditEvent.SUCCESS, "client-" + label, "subject-" + label,
                "corr-" + label, Map.of("label", label, "grant_type", "client_credentials"));
    }

    /** The event as {@code list} returns it: with its assigned id. */
    static AuditEvent withId(AuditEvent e, long id) {
        return new AuditEvent(id, e.tenant(), e.occurredAt(), e.type(), e.outcome(), e.clientId(), e.subject(),
                e.correlationId(), e.details());
    }
}
