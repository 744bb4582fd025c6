package dev.tessera.http;

import dev.tessera.audit.AuditLog;
import dev.tessera.protocol.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server: Jetty's core API, one {@link RouteTable} holding every route, and the one
 * {@link Pipeline} every request runs through. Spec: CONTRACT §1–§6 (the URLs).
 */
public final class HttpServer {
    private final Server server;
    private final ServerConnector connector;
    private final OpsEndpoints ops;
    private final RouteTable routes;

    /** Where to listen and whose forwarding headers to believe. */
    public record Listener(String host, int port, String trustedProxies, String clientCertHeader) {}

    public HttpServer(Listener listener, HttpComponents c, AuditLog audit, MeterRegistry metrics) {
        this.ops = c.ops();
        this.routes = routes(c);
        QueuedThreadPool threads = new QueuedThreadPool(250, 8, 60_000);
        threads.setName("tessera-http");
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(16 * 1024);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // Routes match the raw path segment by segment and decode parameters only when read, so an
        // encoded slash or dot segment can never route a request elsewhere: nothing is ambiguous to us.
        http.setUriCompliance(UriCompliance.LEGACY);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(listener.host());
        connector.setPort(listener.port());
        server.addConnector(connector);
        server.setStopTimeout(10_000);
        server.setStopAtShutdown(false);
        server.setErrorHandler(new ProtocolErrorHandler());
        Exchange.Connection connection = new Exchange.Connection(TrustedProxies.parse(listener.trustedProxies()),
                listener.clientCertHeader());
        server.setHandler(new GracefulHandler(new Pipeline(routes, audit, metrics, connection)));
    }

    /** Every route of the server. */
    static RouteTable routes(HttpComponents c) {
        RouteTable r = new RouteTable();
        r.get("/health/live", c.ops()::live);
        r.get("/health/ready", c.ops()::ready);
        r.get("/metrics", c.ops()::metrics);

        r.post("/t/{tenant}/token", c.token()::handle);
        r.post("/t/{tenant}/introspect", c.introspection()::handle);
        r.post("/t/{tenant}/revoke", c.revocation()::handle);
        // CONTRACT §6.1: the endpoint and every path below it (Envoy's path_prefix appends the original path)
        for (String path : List.of("/t/{tenant}/forward-auth", "/t/{tenant}/forward-auth/", "/t/{tenant}/forward-auth/<path>")) {
            for (String m : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
                r.add(m, path, c.forwardAuth()::handle);
            }
        }
        r.get("/t/{tenant}/.well-known/openid-configuration", c.discovery()::metadata);
        r.get("/.well-known/oauth-authorization-server/t/{tenant}", c.discovery()::metadata);
        r.get("/t/{tenant}/jwks", c.discovery()::jwks);
        r.post("/t/{tenant}/register", c.registration()::register);
        r.get("/t/{tenant}/register/{clientId}", c.registration()::read);
        r.put("/t/{tenant}/register/{clientId}", c.registration()::update);
        r.delete("/t/{tenant}/register/{clientId}", c.registration()::delete);

        BrowserLane lane = c.browser().lane();   // a flood of browser interactions keeps to its share of the cores
        r.get("/t/{tenant}/authorize", lane.wrap(c.browser()::authorize));
        r.post("/t/{tenant}/authorize", lane.wrap(c.browser()::authorize));
        r.post("/t/{tenant}/login", lane.wrap(c.browser()::login));
        r.post("/t/{tenant}/consent", lane.wrap(c.browser()::consent));
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
        return r;
    }

    public void start() {
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("HTTP server failed to start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Every route as {@code "METHOD /pattern"}, in table order (for docs and the parity test). */
    public List<String> routes() {
        return routes.routes().stream().map(r -> r.method() + " " + r.pattern()).toList();
    }

    /** Graceful stop: report not ready, stop accepting, let in-flight requests finish (bounded by the stop timeout). */
    public void stop() {
        ops.stopAccepting();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP server failed to stop cleanly", e);
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
}
