package dev.tessera.http;

import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import dev.tessera.admin.AdminAuthorizer;
import dev.tessera.audit.AuditEvent;
import dev.tessera.client.Client;
import dev.tessera.client.ClientRegistration;
import dev.tessera.client.RegisteredClient;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import java.net.URI;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * Dynamic client registration (the admin token is the initial access token) and management with the
 * registration access token. Spec: RFC 7591 §3; RFC 7592 §2–3; CONTRACT §3.
 */
final class RegistrationEndpoint {
    /** RFC 7591 §3.2.1, RFC 7592 §3: the members the server itself adds to client information. */
    private static final java.util.Set<String> SERVER_MEMBERS = java.util.Set.of("client_id", "client_secret",
            "client_id_issued_at", "client_secret_expires_at", "registration_access_token", "registration_client_uri");

    private final TenantDirectory tenants;
    private final ClientRegistration registration;
    private final AdminAuthorizer admin;
    private final IssuerUrls issuers;

    RegistrationEndpoint(TenantDirectory tenants, ClientRegistration registration, AdminAuthorizer admin,
                         IssuerUrls issuers) {
        this.tenants = tenants;
        this.registration = registration;
        this.admin = admin;
        this.issuers = issuers;
    }

    void register(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ResponseWriter.noStore(ctx);
        String bearer = Requests.bearer(ctx);
        if (!admin.isAdmin(bearer)) {
            ctx.audit().record(tenant.id(), "client.registration_denied", AuditEvent.FAILURE, null, null, Map.of("reason", "invalid initial access token"));
            throw invalidToken(bearer != null);
        }
        Map<String, Object> json = Requests.jsonObject(ctx);
        RegisteredClient rc;
        try {
            rc = registration.register(tenant.id(), json);
        } catch (OAuthException e) {
            ctx.audit().record(tenant.id(), "client.registration_denied", AuditEvent.FAILURE, null, null,
                    Map.of("error", e.code().code(), "reason", e.detailOrDescription()));
            throw e;
        }
        ResponseWriter.json(ctx, 201, info(tenant, rc.client(), rc.clientSecret(), rc.registrationAccessToken()));
        ctx.audit().record(tenant.id(), "client.registered", AuditEvent.SUCCESS, rc.client().clientId(), null,
                Map.of("token_endpoint_auth_method", rc.client().authMethod().getValue()));
    }

    /** RFC 7592 §2.1, §3: with the registration access token, the response carries its replacement. */
    void read(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ResponseWriter.noStore(ctx);
        Authorized a = authorize(tenant, ctx);
        if (!a.byRegistrationToken()) {                  // the admin token leaves the client's own token alone
            ResponseWriter.json(ctx, 200, info(tenant, a.client(), null, null));
            return;
        }
        RegisteredClient rc = registration.read(tenant.id(), a.client()).orElseThrow(() -> staleToken(ctx, tenant, a.client()));
        ResponseWriter.json(ctx, 200, info(tenant, rc.client(), null, rc.registrationAccessToken()));
    }

    /** RFC 7592 §2.2, §3: as read, the update made with the registration access token replaces it. */
    void update(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ResponseWriter.noStore(ctx);
        Authorized a = authorize(tenant, ctx);
        Map<String, Object> json = Requests.jsonObject(ctx);
        RegisteredClient rc;
        try {
            rc = registration.update(tenant.id(), a.client(), json, a.byRegistrationToken())
                    .orElseThrow(() -> staleToken(ctx, tenant, a.client()));
        } catch (OAuthException e) {
            // a refused update, in particular a registration access token trying to widen its client (RFC 7592 §2.2)
            if (e.code() != ErrorCode.INVALID_TOKEN) {
                ctx.audit().record(tenant.id(), "client.update_denied", AuditEvent.FAILURE, a.client().clientId(), null,
                        Map.of("error", e.code().code(), "reason", e.detailOrDescription(),
                                "by", a.byRegistrationToken() ? "registration_access_token" : "admin"));
            }
            throw e;
        }
        ResponseWriter.json(ctx, 200, info(tenant, rc.client(), rc.clientSecret(), rc.registrationAccessToken()));
        ctx.audit().record(tenant.id(), "client.updated", AuditEvent.SUCCESS, a.client().clientId(), null, Map.of());
    }

    /** RFC 7592 §2.3: deletion uses the presented token as it is (nothing is returned). */
    void delete(Exchange ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ResponseWriter.noStore(ctx);
        Client c = authorize(tenant, ctx).client();
        registration.delete(tenant.id(), c.clientId());
        ctx.status(204);
        ctx.audit().record(tenant.id(), "client.deleted", AuditEvent.SUCCESS, c.clientId(), null, Map.of());
    }

    /** The client addressed, and whether its own registration access token (rather than an admin token) proved access. */
    private record Authorized(Client client, boolean byRegistrationToken) {}

    /** RFC 7592 §2: the registration access token of this client (or an admin token). Unknown client → 401. */
    private Authorized authorize(Tenant tenant, Exchange ctx) {
        String bearer = Requests.bearer(ctx);
        String raw = ctx.pathParam("clientId");
        ClientId id;
        try {
            id = new ClientId(raw);
        } catch (OAuthException e) {
            throw invalidToken(bearer != null);
        }
        if (bearer == null) throw invalidToken(false);
        Optional<Client> c = registration.authorize(tenant.id(), id, bearer);
        if (c.isPresent()) return new Authorized(c.get(), true);
        if (admin.isAdmin(bearer)) {
            return new Authorized(registration.find(tenant.id(), id)
                    .orElseThrow(() -> new OAuthException(ErrorCode.NOT_FOUND, "Unknown client")), false);
        }
        ctx.audit().record(tenant.id(), "client.management_denied", AuditEvent.FAILURE, id, null, Map.of("reason", "invalid registration access token"));
        throw invalidToken(true);
    }

    /** A concurrent read or update rotated the presented token first: it is now as stale as any other old token. */
    private OAuthException staleToken(Exchange ctx, Tenant tenant, Client c) {
        ctx.audit().record(tenant.id(), "client.management_denied", AuditEvent.FAILURE, c.clientId(), null,
                Map.of("reason", "registration access token rotated by a concurrent request"));
        return invalidToken(true);
    }

    private Map<String, Object> info(Tenant tenant, Client c, String secret, String rat) {
        URI uri = URI.create(issuers.issuer(tenant.id()) + "/register/" + c.clientId().value());
        ClientInformation info = new ClientInformation(new ClientID(c.clientId().value()), Date.from(c.createdAt()),
                c.metadata(), secret == null ? null : new Secret(secret), uri,
                rat == null ? null : new BearerAccessToken(rat));
        var json = info.toJSONObject();
        // a client stored before unknown members were dropped at registration still echoes only defined ones
        json.keySet().removeIf(k -> !Client.isDefinedMember(k) && !SERVER_MEMBERS.contains(k));
        if (c.secretHash() != null) json.put("client_secret_expires_at", 0);
        return json;
    }

    /** RFC 6750 §3.1: the challenge carries an error code only when a bearer token was presented. */
    private static OAuthException invalidToken(boolean presented) {
        return new OAuthException(ErrorCode.INVALID_TOKEN, "A valid initial or registration access token is required")
                .header("WWW-Authenticate", presented ? "Bearer realm=\"tessera\", error=\"invalid_token\""
                        : "Bearer realm=\"tessera\"");
    }
}
