package dev.tessera.http;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The hottest routes, served on Jetty's core API in front of Javalin: {@code POST /t/{tenant}/token},
 * {@code POST /t/{tenant}/introspect} and forward-auth (CONTRACT §6.1) with its methods. The servlet
 * layer and Javalin's task pipeline cost about a third of the CPU of these requests; the endpoints and
 * the per-request steps (correlation id, tenant in the log context, query check, error mapping,
 * metrics) are the same ones Javalin runs. Anything else, including these paths with another method
 * (405 with {@code Allow}) or with percent-encoded characters, dot or empty segments in the path,
 * goes on to Javalin unchanged.
 */
final class FastRoutes extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(FastRoutes.class);
    private static final String FORWARD_AUTH = "/forward-auth";

    /** What a route needs from the server around it. */
    interface Around {
        void before(Exchange x);

        void record(String endpoint, String method, int status, long nanos);
    }

    private final HttpComponents endpoints;
    private final Around around;

    FastRoutes(HttpComponents endpoints, Around around) {
        this.endpoints = endpoints;
        this.around = around;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        int tenantEnd;
        if (path == null || !path.startsWith("/t/") || (tenantEnd = path.indexOf('/', 3)) <= 3 || path.indexOf('%') >= 0
                || path.contains("/.") || path.contains("//")) {
            return super.handle(request, response, callback);
        }
        String rest = path.substring(tenantEnd);
        String route;
        if (rest.equals("/token") && method.equals("POST")) {
            route = "/t/{tenant}/token";
        } else if (rest.equals("/introspect") && method.equals("POST")) {
            route = "/t/{tenant}/introspect";
        } else if (rest.startsWith(FORWARD_AUTH) && forwardAuthMethod(method)
                && (rest.length() == FORWARD_AUTH.length() || rest.charAt(FORWARD_AUTH.length()) == '/')) {
            route = rest.length() == FORWARD_AUTH.length() ? "/t/{tenant}/forward-auth"
                    : rest.length() == FORWARD_AUTH.length() + 1 ? "/t/{tenant}/forward-auth/" : "/t/{tenant}/forward-auth/<path>";
        } else {
            return super.handle(request, response, callback);
        }
        long started = System.nanoTime();
        JettyExchange x = new JettyExchange(request, response);
        try {
            around.before(x);
            String tenant = path.substring(3, tenantEnd);
            switch (route.charAt(12)) {
                case 't' -> endpoints.token().handle(x, tenant);
                case 'i' -> endpoints.introspection().handle(x, tenant);
                default -> endpoints.forwardAuth().handle(x, tenant);
            }
        } catch (OAuthException e) {
            ResponseWriter.error(x, e, ResponseWriter.Style.OAUTH);
        } catch (RuntimeException e) {
            LOG.error("Unhandled error on {} {}", method, path, e);
            ResponseWriter.error(x, new OAuthException(ErrorCode.SERVER_ERROR, "Internal error"), ResponseWriter.Style.OAUTH);
        } finally {
            MDC.clear();
        }
        x.send(callback);
        around.record(route, method, x.status(), System.nanoTime() - started);
        return true;
    }

    private static boolean forwardAuthMethod(String m) {
        return switch (m) {
            case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" -> true;
            default -> false;
        };
    }
}
