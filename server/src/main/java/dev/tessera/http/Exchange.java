package dev.tessera.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * One HTTP exchange as an endpoint sees it: request headers, query, cookies and body in; status,
 * headers and one body out. Javalin serves most routes ({@link JavalinExchange}); the hottest ones are
 * served by {@link FastRoutes} straight from Jetty ({@link JettyExchange}), so the endpoint code is the
 * same on both paths.
 */
interface Exchange {
    /** The request method, upper case. */
    String method();

    /** The request path, not decoded. */
    String path();

    String header(String name);

    /** The raw query string, or null. */
    String queryString();

    /** A request cookie, or null (also when the Cookie header cannot be parsed). */
    String cookie(String name);

    /** The declared body length, or -1. */
    long contentLength();

    InputStream body() throws IOException;

    void status(int status);

    int status();

    /** Sets (replaces) a response header. */
    void header(String name, String value);

    /** Sets the response body. */
    void result(String contentType, byte[] body);
}
