package dev.tessera.http;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Routing, request-scoped logging and metrics, and the mapping of every exception to a 4xx/5xx answer. */
public final class HttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern SCIM_PATH = Pattern.compile("/t/[^/]+/scim/v2(/|$)");
    private static final Pattern TOKEN_HANDLER_PATH = Pattern.compile("/t/[^/]+/token-handler(/|$)");

    private final Javalin app;
    private final OpsEndpoints ops;
    private final MeterRegistry metrics;
    private final HttpComponents components;
    private final ConcurrentHashMap<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public HttpServer(String host, int port, HttpComponents c, MeterRegistry metrics) {
        this.ops = c.ops();
        this.metrics = metrics;
        this.components = c;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = 1_000_000;
            config.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE; // tiny JSON bodies: not worth the CPU
            // Javalin copies each result through a buffer of this size, allocated per response (32 KiB by
            // default: zeroing it cost about 6 % of the CPU of an introspection); Jetty's own buffer is unchanged
            config.http.responseBufferSize = 2048;
            config.router.ignoreTrailingSlashes = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyHttpConfiguration(h -> {
                h.setRequestHeaderSize(16 * 1024);
                h.setSendServerVersion(false);
                h.setSendDateHeader(true);
            });
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setStopAtShutdown(false);
                server.setErrorHandler(new ProtocolErrorHandler());
            });
            config.requestLogger.http(this::record);
            var r = config.routes;
            r.before(this::before);
            r.after(ctx -> MDC.clear());

            r.get("/health/live", c.ops()::live);
            r.get("/health/ready", c.ops()::ready);
            r.get("/metrics", c.ops()::metrics);

            r.get("/t/{tenant}/.well-known/openid-configuration", c.discovery()::metadata);
            r.get("/.well-known/oauth-authorization-server/t/{tenant}", c.discovery()::metadata);
            r.get("/t/{tenant}/jwks", c.discovery()::jwks);
            r.post("/t/{tenant}/token", c.token()::handle);
            r.post("/t/{tenant}/introspect", c.introspection()::handle);
            r.post("/t/{tenant}/revoke", c.revocation()::handle);
            // CONTRACT §6.1: the endpoint and every path below it (Envoy's path_prefix appends the original path)
            for (String path : List.of("/t/{tenant}/forward-auth", "/t/{tenant}/forward-auth/", "/t/{tenant}/forward-auth/<path>")) {
                r.get(path, c.forwardAuth()::handle);
                r.head(path, c.forwardAuth()::handle);
                r.post(path, c.forwardAuth()::handle);
                r.put(path, c.forwardAuth()::handle);
                r.patch(path, c.forwardAuth()::handle);
                r.delete(path, c.forwardAuth()::handle);
                r.options(path, c.forwardAuth()::handle);
            }
            r.post("/t/{tenant}/register", c.registration()::register);
            r.get("/t/{tenant}/register/{clientId}", c.registration()::read);
            r.put("/t/{tenant}/register/{clientId}", c.registration()::update);
            r.delete("/t/{tenant}/register/{clientId}", c.registration()::delete);

            r.get("/t/{tenant}/authorize", c.browser()::authorize);
            r.post("/t/{tenant}/authorize", c.browser()::authorize);
            r.post("/t/{tenant}/login", c.browser()::login);
            r.post("/t/{tenant}/consent", c.browser()::consent);
            r.get("/t/{tenant}/callback-demo", c.browser()::callbackDemo);
            r.get("/t/{tenant}/userinfo", c.oidc()::userInfo);
            r.post("/t/{tenant}/userinfo", c.oidc()::userInfo);
            r.get("/t/{tenant}/logout", c.oidc()::logout);
            r.post("/t/{tenant}/logout", c.oidc()::logout);

            String scim = "/t/{tenant}/scim/v2";
            r.post(scim + "/Users", c.scim()::createUser);
            r.get(scim + "/Users", c.scim()::listUsers);
            r.post(scim + "/Users/.search", c.scim()::searchUsers);
            r.get(scim + "/Users/{id}", c.scim()::getUser);
            r.put(scim + "/Users/{id}", c.scim()::replaceUser);
            r.patch(scim + "/Users/{id}", c.scim()::patchUser);
            r.delete(scim + "/Users/{id}", c.scim()::deleteUser);
            r.get(scim + "/ServiceProviderConfig", c.scim()::serviceProviderConfig);
            r.get(scim + "/Schemas", c.scim()::schemas);
            r.get(scim + "/Schemas/{id}", c.scim()::schema);
            r.get(scim + "/ResourceTypes", c.scim()::resourceTypes);
            r.get(scim + "/ResourceTypes/{id}", c.scim()::resourceType);

            r.put("/admin/v1/tenants/{tenant}", c.admin()::putTenant);
            r.get("/admin/v1/tenants/{tenant}", c.admin()::getTenant);
            r.delete("/admin/v1/tenants/{tenant}", c.admin()::deleteTenant);
            r.post("/admin/v1/tenants/{tenant}/keys/rotate", c.admin()::rotateKeys);
            r.get("/admin/v1/tenants/{tenant}/audit-events", c.admin()::auditEvents);

            String agent = "/t/{tenant}/token-handler/{app}";
            r.post(agent + "/login/start", c.tokenHandler()::loginStart);
            r.post(agent + "/login/end", c.tokenHandler()::loginEnd);
            r.get(agent + "/userinfo", c.tokenHandler()::userInfo);
            r.get(agent + "/userInfo", c.tokenHandler()::userInfo);
            r.get(agent + "/claims", c.tokenHandler()::claims);
            r.post(agent + "/refresh", c.tokenHandler()::refresh);
            r.post(agent + "/logout", c.tokenHandler()::logout);
            for (String p : List.of("/login/start", "/login/end", "/userinfo", "/userInfo", "/claims", "/refresh", "/logout")) {
                r.options(agent + p, c.tokenHandler()::preflight);
            }
            String apps = "/admin/v1/tenants/{tenant}/token-handlers/{app}";
            r.put(apps, c.tokenHandlerAdmin()::put);
            r.get(apps, c.tokenHandlerAdmin()::get);
            r.delete(apps, c.tokenHandlerAdmin()::delete);
            r.post(apps + "/keys/rotate", c.tokenHandlerAdmin()::rotateKeys);

            r.exception(OAuthException.class, (e, ctx) -> ResponseWriter.error(ctx, e, style(ctx)));
            r.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 405) allow(ctx, e);
                ResponseWriter.error(ctx, fromHttp(e, style(ctx)), style(ctx));
            });
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ResponseWriter.error(ctx, new OAuthException(ErrorCode.SERVER_ERROR, "Internal error"), style(ctx));
            });
            r.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty() || ctx.result().startsWith("Endpoint ")) {
                    ResponseWriter.error(ctx, new OAuthException(ErrorCode.NOT_FOUND, "Not found"), style(ctx));
                }
            });
            r.error(405, ctx -> ResponseWriter.error(ctx, methodNotAllowed(style(ctx)), style(ctx)));
        });
    }

    public void start() {
        var server = app.jettyServer().server();
        server.insertHandler(new FastRoutes(components, new FastRoutes.Around() {
            @Override public void before(Exchange x) { HttpServer.this.before(x); }

            @Override public void record(String endpoint, String method, int status, long nanos) {
                HttpServer.this.record(endpoint, method, status, nanos);
            }
        }));
        server.insertHandler(new GracefulHandler());
        app.start();
    }

    public int port() {
        return app.port();
    }

    /** Graceful stop: stop accepting, let in-flight requests finish (bounded by the stop timeout). */
    public void stop() {
        ops.stopAccepting();
        app.stop();
    }

    private void before(Context ctx) {
        before(JavalinExchange.of(ctx));
    }

    private void before(Exchange ctx) {
        String id = ctx.header("X-Request-Id");
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            id = correlationId();
        }
        MDC.put(Logs.CORRELATION_ID, id);
        ctx.header("X-Request-Id", id);
        String path = ctx.path();
        if (path.startsWith("/t/")) {
            int end = path.indexOf('/', 3);
            String t = end < 0 ? path.substring(3) : path.substring(3, end);
            if (dev.tessera.tenant.TenantId.isValid(t)) MDC.put(Logs.TENANT, t);
        }
        ctx.header("X-Content-Type-Options", "nosniff");
        String query = ctx.queryString();
        if (query != null && !validPercentEncoding(query)) {
            throw OAuthException.invalidRequest("The query string is malformed").detail("invalid percent-encoding in the query");
        }
    }

    /**
     * 128 random bits, base64url: unique, but not a secret, so a fast generator will do (the per-thread
     * DRBG cost about 4 % of a forward-auth request).
     */
    private static String correlationId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        byte[] b = new byte[16];
        long hi = r.nextLong();
        long lo = r.nextLong();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (8 * i));
            b[8 + i] = (byte) (lo >>> (8 * i));
        }
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** RFC 3986 §2.1: every '%' starts a triplet of '%' and two hex digits. */
    static boolean validPercentEncoding(String s) {
        for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
            if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private void record(Context ctx, Float ms) {
        String endpoint;
        try {
            // the matched route, not the before/after handlers ("*") that ran last
            var matched = ctx.endpoints().matchedHttpEndpoint();
            endpoint = matched == null ? "unmatched" : matched.path;
        } catch (RuntimeException e) {
            endpoint = "unmatched";
        }
        record(endpoint, HandlerType.findOrDefault(ctx.method().name()).name(), ctx.statusCode(), (long) (ms * 1_000_000L));
    }

    private void record(String endpoint, String method, int status, long nanos) {
        String outcome = status < 400 ? "success" : status < 500 ? "client_error" : "server_error";
        timers.computeIfAbsent(List.of(endpoint, method, Integer.toString(status), outcome), k -> Timer
                .builder("tessera_http_requests")
                .description("HTTP requests by endpoint, method, status and outcome")
                .tags("endpoint", k.get(0), "method", k.get(1), "status", k.get(2), "outcome", k.get(3))
                .register(metrics)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static ResponseWriter.Style style(Context ctx) {
        if (SCIM_PATH.matcher(ctx.path()).lookingAt()) return ResponseWriter.Style.SCIM;
        if (TOKEN_HANDLER_PATH.matcher(ctx.path()).lookingAt()) return ResponseWriter.Style.AGENT;
        return ctx.path().startsWith("/admin/") ? ResponseWriter.Style.PROBLEM : ResponseWriter.Style.OAUTH;
    }

    /** Protocol endpoints answer a wrong method with an RFC 6749 §5.2 code; admin surfaces with a problem. */
    private static OAuthException methodNotAllowed(ResponseWriter.Style style) {
        return new OAuthException(style == ResponseWriter.Style.OAUTH ? ErrorCode.INVALID_REQUEST_METHOD
                : ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
    }

    /** RFC 9110 §15.5.6: a 405 names the allowed methods. */
    private static void allow(Context ctx, HttpResponseException e) {
        for (String methods : e.getDetails().values()) {
            ctx.header("Allow", String.join(", ", java.util.Arrays.stream(methods.split(","))
                    .map(String::trim).filter(m -> !m.isEmpty()).toList()));
            return;
        }
    }

    /**
     * Answers what Jetty refuses before any route runs (malformed request lines, headers, framing): an
     * OAuth-style JSON error instead of Jetty's HTML page, and 400 instead of 505 for a request line
     * whose protocol is not HTTP/1.x, since that is malformed input and Tessera never answers bad
     * input with a 5xx. Other statuses (400, 413, 414, 431, 503 while stopping …) are kept.
     */
    static final class ProtocolErrorHandler extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            int status = code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? ErrorCode.INVALID_REQUEST.status() : code;
            ErrorCode error = status == ErrorCode.PAYLOAD_TOO_LARGE.status() ? ErrorCode.PAYLOAD_TOO_LARGE
                    : status == ErrorCode.TEMPORARILY_UNAVAILABLE.status() ? ErrorCode.TEMPORARILY_UNAVAILABLE
                    : status < ErrorCode.SERVER_ERROR.status() ? ErrorCode.INVALID_REQUEST : ErrorCode.SERVER_ERROR;
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
            net.minidev.json.JSONObject body = new net.minidev.json.JSONObject();
            body.put("error", error.code());
            body.put("error_description", HttpStatus.getMessage(status));
            response.write(true, ByteBuffer.wrap(body.toJSONString().getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    private static OAuthException fromHttp(HttpResponseException e, ResponseWriter.Style style) {
        int s = e.getStatus();
        if (s == 413) return new OAuthException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large");
        if (s == 404) return new OAuthException(ErrorCode.NOT_FOUND, "Not found");
        if (s == 405) return methodNotAllowed(style);
        if (s == 415) return new OAuthException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");
        if (s >= 400 && s < 500) return OAuthException.invalidRequest("The request is malformed");
        return new OAuthException(ErrorCode.SERVER_ERROR, "Internal error");
    }
}
