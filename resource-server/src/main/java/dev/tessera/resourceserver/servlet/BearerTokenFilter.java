package dev.tessera.resourceserver.servlet;

import dev.tessera.resourceserver.AccessToken;
import dev.tessera.resourceserver.Decision;
import dev.tessera.resourceserver.ResourceServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A Jakarta Servlet 6 filter around {@link ResourceServer#authorize}: lets an allowed request through
 * with its {@link AccessToken} in the request attribute {@link #ACCESS_TOKEN}, and answers a refused one
 * itself (status, {@code WWW-Authenticate}, JSON body). Routes are matched against the path inside the
 * web application (the request URI without the context path). Spec: RFC 6750 §3.
 */
public final class BearerTokenFilter implements Filter {
    /** The request attribute holding the verified {@link AccessToken}. */
    public static final String ACCESS_TOKEN = AccessToken.class.getName();

    private final ResourceServer resourceServer;

    public BearerTokenFilter(ResourceServer resourceServer) {
        this.resourceServer = resourceServer;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            throw new ServletException("BearerTokenFilter serves HTTP requests only");
        }
        String path = req.getRequestURI().substring(req.getContextPath().length());
        Decision d = resourceServer.authorize(req.getMethod(), path, name -> header(req, name));
        if (d instanceof Decision.Allow allow) {
            req.setAttribute(ACCESS_TOKEN, allow.token());
            chain.doFilter(request, response);
            return;
        }
        Decision.Deny deny = (Decision.Deny) d;
        res.setStatus(deny.status());
        res.setHeader("WWW-Authenticate", deny.challenge());
        res.setHeader("Cache-Control", "no-store");
        res.setContentType("application/json");
        byte[] body = deny.body().getBytes(StandardCharsets.UTF_8);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** All fields of that name joined by ", " (RFC 9110 §5.3), or null. */
    private static String header(HttpServletRequest req, String name) {
        Enumeration<String> values = req.getHeaders(name);
        if (values == null || !values.hasMoreElements()) return null;
        List<String> all = Collections.list(values);
        return String.join(", ", all);
    }
}
