package dev.tessera.http;

import dev.tessera.admin.AdminAuthorizer;
import dev.tessera.audit.AuditEvent;
import dev.tessera.introspection.ActiveToken;
import dev.tessera.protocol.ClientId;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.scim.AttributeSelection;
import dev.tessera.scim.ETags;
import dev.tessera.scim.Json;
import dev.tessera.scim.ScimDiscovery;
import dev.tessera.scim.ScimQuery;
import dev.tessera.scim.UserProvisioning;
import dev.tessera.scim.UserResource;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.Tenant;
import dev.tessera.tenant.TenantDirectory;
import dev.tessera.tenant.TenantId;
import dev.tessera.user.User;
import dev.tessera.user.UserId;
import dev.tessera.user.UserRepository;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SCIM 2.0 at {@code {issuer}/scim/v2}: {@code /Users} and the discovery endpoints, authorised by
 * the admin token. Requests and responses are {@code application/scim+json} (plain JSON accepted);
 * errors use the SCIM error schema (see {@link ResponseWriter}).
 * Spec: RFC 7644 §3, §4; CONTRACT §3.
 */
final class ScimEndpoints {
    static final String MEDIA_TYPE = "application/scim+json";
    /** What every SCIM answer says it is: JSON is UTF-8 (RFC 8259 §8.1), and saying so keeps clients from guessing ISO-8859-1. */
    static final String RESPONSE_TYPE = MEDIA_TYPE + ";charset=UTF-8";
    private static final Set<String> ACCEPTED = Set.of(MEDIA_TYPE, "application/json");

    private final TenantDirectory tenants;
    private final AdminAuthorizer authorizer;
    private final UserProvisioning users;
    private final IssuerUrls issuers;

    ScimEndpoints(TenantDirectory tenants, AdminAuthorizer authorizer, UserProvisioning users, IssuerUrls issuers) {
        this.tenants = tenants;
        this.authorizer = authorizer;
        this.users = users;
        this.issuers = issuers;
    }

    /** The authorised caller and the tenant addressed; {@code base} is {@code {issuer}/scim/v2}. */
    private record Call(Tenant tenant, ClientId actor, String base) {
        TenantId id() { return tenant.id(); }

        String location(User u) { return base + "/Users/" + u.id().value(); }
    }

    /** POST /Users (RFC 7644 §3.3): 201 with Location and ETag. */
    void createUser(Exchange ctx) {
        Call c = begin(ctx);
        User u = users.create(c.id(), body(ctx), c.actor());
        writeUser(ctx, 201, c, u);
    }

    /** GET /Users/{id} (§3.4.1), with If-None-Match (§3.14). */
    void getUser(Exchange ctx) {
        Call c = begin(ctx);
        User u = users.get(c.id(), userId(ctx));
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && ETags.matches(ifNoneMatch, u.version())) {
            ctx.header("ETag", ETags.of(u.version()));
            ctx.status(304);
            return;
        }
        writeUser(ctx, 200, c, u);
    }

    /** PUT /Users/{id} (§3.5.1). */
    void replaceUser(Exchange ctx) {
        Call c = begin(ctx);
        User u = users.replace(c.id(), userId(ctx), body(ctx), ctx.header("If-Match"), c.actor());
        writeUser(ctx, 200, c, u);
    }

    /** PATCH /Users/{id} (§3.5.2): 200 with the whole resource. */
    void patchUser(Exchange ctx) {
        Call c = begin(ctx);
        User u = users.patch(c.id(), userId(ctx), body(ctx), ctx.header("If-Match"), c.actor());
        writeUser(ctx, 200, c, u);
    }

    /** DELETE /Users/{id} (§3.6): 204. */
    void deleteUser(Exchange ctx) {
        Call c = begin(ctx);
        users.delete(c.id(), userId(ctx), ctx.header("If-Match"), c.actor());
        ctx.status(204);
    }

    /** GET /Users (§3.4.2). */
    void listUsers(Exchange ctx) {
        Call c = begin(ctx);
        list(ctx, c, ScimQuery.parse(ctx.queryParam("filter"), ctx.queryParam("startIndex"), ctx.queryParam("count"),
                ctx.queryParam("attributes"), ctx.queryParam("excludedAttributes")));
    }

    /** POST /Users/.search (§3.4.3). */
    void searchUsers(Exchange ctx) {
        Call c = begin(ctx);
        list(ctx, c, ScimQuery.parse(body(ctx)));
    }

    /** GET /ServiceProviderConfig (§4; RFC 7643 §5). */
    void serviceProviderConfig(Exchange ctx) {
        Call c = discovery(ctx);
        write(ctx, 200, ScimDiscovery.serviceProviderConfig(c.base()));
    }

    /** GET /Schemas (§4; RFC 7643 §7). */
    void schemas(Exchange ctx) {
        Call c = discovery(ctx);
        write(ctx, 200, ScimDiscovery.list(ScimDiscovery.schemas(c.base())));
    }

    void schema(Exchange ctx) {
        Call c = discovery(ctx);
        write(ctx, 200, ScimDiscovery.schema(c.base(), ctx.pathParam("id"))
                .orElseThrow(() -> new OAuthException(ErrorCode.NOT_FOUND, "Unknown schema")));
    }

    /** GET /ResourceTypes (§4; RFC 7643 §6). */
    void resourceTypes(Exchange ctx) {
        Call c = discovery(ctx);
        write(ctx, 200, ScimDiscovery.list(ScimDiscovery.resourceTypes(c.base())));
    }

    void resourceType(Exchange ctx) {
        Call c = discovery(ctx);
        write(ctx, 200, ScimDiscovery.resourceType(c.base(), ctx.pathParam("id"))
                .orElseThrow(() -> new OAuthException(ErrorCode.NOT_FOUND, "Unknown resource type")));
    }

    private static UserId userId(Exchange ctx) {
        return UserProvisioning.userId(ctx.pathParam("id"));
    }

    private void list(Exchange ctx, Call c, ScimQuery q) {
        UserRepository.Page page = users.search(c.id(), q);
        List<Map<String, Object>> items = new ArrayList<>();
        for (User u : page.users()) items.add(q.selection().apply(UserResource.render(u, c.location(u))));
        write(ctx, 200, ScimDiscovery.listResponse(page.total(), q.startIndex(), items));
    }

    private void writeUser(Exchange ctx, int status, Call c, User u) {
        AttributeSelection selection = AttributeSelection.parse(ctx.queryParam("attributes"), ctx.queryParam("excludedAttributes"));
        ctx.header("Location", c.location(u));
        ctx.header("ETag", ETags.of(u.version()));
        write(ctx, status, selection.apply(UserResource.render(u, c.location(u))));
    }

    private static void write(Exchange ctx, int status, Map<String, Object> body) {
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.result(RESPONSE_TYPE, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 7644 §4: the discovery endpoints take no filter; 403 so that a client cannot think one applied. */
    private Call discovery(Exchange ctx) {
        Call c = begin(ctx);
        if (ctx.queryParam("filter") != null) {
            throw new OAuthException(ErrorCode.FORBIDDEN, "Filtering is not supported on this endpoint");
        }
        return c;
    }

    /** The admin token first (401/403), then the tenant (404). */
    private Call begin(Exchange ctx) {
        ActiveToken token;
        try {
            token = authorizer.require(Requests.bearer(ctx));
        } catch (OAuthException e) {
            String path = ctx.path().length() > 200 ? ctx.path().substring(0, 200) : ctx.path();
            ctx.audit().record(TenantId.SYSTEM, "admin.access_denied", AuditEvent.FAILURE, null, null,
                    Map.of("path", path, "reason", e.description()));
            throw e;
        }
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        return new Call(tenant, token.claims().clientId(), issuers.issuer(tenant.id()) + "/scim/v2");
    }

    /** The JSON object body (RFC 7644 §3.1: application/scim+json; application/json accepted). */
    private static Map<String, Object> body(Exchange ctx) {
        String ct = ctx.header("Content-Type");
        if (ct == null || !ACCEPTED.contains(Requests.mediaType(ct))) {
            throw new OAuthException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/scim+json");
        }
        String charset = Requests.charset(ct);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new OAuthException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be UTF-8");
        }
        byte[] bytes = Requests.body(ctx, Requests.MAX_JSON_BYTES);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new OAuthException(ErrorCode.SCIM_INVALID_SYNTAX, "The request body is not valid UTF-8");
        }
        return Json.parseObject(text);
    }
}
