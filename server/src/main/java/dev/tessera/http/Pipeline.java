package dev.tessera.http;

import dev.tessera.audit.AuditLog;
import dev.tessera.protocol.AnswerBarrier;
import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.tenant.TenantId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one HTTP path: every request, whatever its route, runs these steps in this order:
 * correlation id and log context, query check, dispatch through the {@link RouteTable} (404, 405
 * with {@code Allow}), the endpoint, the request's audit events, error mapping into the route's
 * error format (OAuth JSON, RFC 9457 problem, SCIM error, OAuth-agent error), the response, and
 * its metric. Served on Jetty's core API: the servlet layer and a web framework above it cost
 * about a third of the CPU of a token or introspection request and add nothing Tessera uses.
 */
final class Pipeline extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE", "CONNECT");

    private final RouteTable routes;
    private final AuditLog audit;
    private final MeterRegistry metrics;
    private final Exchange.Connection connection;
    private final ConcurrentHashMap<String, Timer> unmatched = new ConcurrentHashMap<>();

    Pipeline(RouteTable routes, AuditLog audit, MeterRegistry metrics, Exchange.Connection connection) {
        this.routes = routes;
        this.audit = audit;
        this.metrics = metrics;
        this.connection = connection;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long started = System.nanoTime();
        Exchange x = new Exchange(request, response, connection);
        String path = x.path();
        ResponseWriter.Style style = ResponseWriter.Style.of(path);
        OAuthException failure = null;
        AnswerBarrier durable = AnswerBarrier.open();   // the request's writes become durable once, before its answer
        try {
            begin(x, path);
            RouteTable.Match m = routes.match(x.method(), path);
            if (m.route() == null) {
                throw m.allowed().isEmpty() ? new OAuthException(ErrorCode.NOT_FOUND, "Not found")
                        : methodNotAllowed(style).header("Allow", String.join(", ", m.allowed()));
            }
            x.matched(m.route(), m.segments());
            m.route().endpoint().handle(x);
        } catch (OAuthException e) {
            failure = e;
            ResponseWriter.error(x, e, style);
        } catch (RuntimeException e) {
            LOG.error("Unhandled error on {} {}", x.method(), path.length() > 200 ? path.substring(0, 200) : path, e);
            ResponseWriter.error(x, new OAuthException(ErrorCode.SERVER_ERROR, "Internal error"), style);
        } finally {
            AnswerBarrier.clear();
        }
        try {
            durable.await();
        } catch (RuntimeException e) {
            // what was written may not survive a crash: no answer may promise it
            LOG.error("Writes of {} {} could not be made durable", x.method(), path.length() > 200 ? path.substring(0, 200) : path, e);
            failure = new OAuthException(ErrorCode.SERVER_ERROR, "Internal error");
            ResponseWriter.error(x, failure, style);
        }
        try {
            x.audit().emit(audit, failure);
        } catch (RuntimeException e) {
            LOG.error("Audit events of {} {} could not be emitted", x.method(), path, e);
        } finally {
            MDC.clear();
        }
        x.send(callback);
        record(x, System.nanoTime() - started);
        return true;
    }

    /** Correlation id (X-Request-Id, echoed when well-formed), tenant in the log context, nosniff, query check. */
    private static void begin(Exchange x, String path) {
        String id = x.header("X-Request-Id");
        if (id == null || !REQUEST_ID.matcher(id).matches()) id = correlationId();
        MDC.put(Logs.CORRELATION_ID, id);
        x.header("X-Request-Id", id);
        if (path.startsWith("/t/")) {
            int end = path.indexOf('/', 3);
            String t = end < 0 ? path.substring(3) : path.substring(3, end);
            if (TenantId.isValid(t)) MDC.put(Logs.TENANT, t);
        }
        x.header("X-Content-Type-Options", "nosniff");
        String query = x.queryString();
        if (query != null && !validPercentEncoding(query)) {
            throw OAuthException.invalidRequest("The query string is malformed").detail("invalid percent-encoding in the query");
        }
    }

    /** 128 random bits, base64url: unique, not a secret, so a fast generator will do (the DRBG cost ~4 % of forward-auth). */
    private static String correlationId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
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

    /** Protocol endpoints answer a wrong method with an RFC 6749 §5.2 code; the other surfaces with their own. */
    private static OAuthException methodNotAllowed(ResponseWriter.Style style) {
        return new OAuthException(style == ResponseWriter.Style.OAUTH ? ErrorCode.INVALID_REQUEST_METHOD
                : ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed");
    }

    private void record(Exchange x, long nanos) {
        Route route = x.route();
        if (route != null) {
            route.record(metrics, x.status(), nanos);
            return;
        }
        String method = KNOWN_METHODS.contains(x.method()) ? x.method() : "INVALID";
        unmatched.computeIfAbsent(method + " " + x.status(), k -> timer(metrics, "unmatched", method, x.status()))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    static Timer timer(MeterRegistry registry, String endpoint, String method, int status) {
        String outcome = status < 400 ? "success" : status < 500 ? "client_error" : "server_error";
        return Timer.builder("tessera_http_requests")
                .description("HTTP requests by endpoint, method, status and outcome")
                .tags("endpoint", endpoint, "method", method, "status", Integer.toString(status), "outcome", outcome)
                .register(registry);
    }
}
