package dev.tessera.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** An exchange served by {@link FastRoutes} on Jetty's core API, without the servlet layer. */
final class JettyExchange implements Exchange {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Request request;
    private final Response response;
    private int status = 200;
    private String contentType;
    private byte[] body;

    JettyExchange(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    @Override public String method() { return request.getMethod(); }

    @Override public String path() { return request.getHttpURI().getPath(); }

    @Override public String header(String name) { return request.getHeaders().get(name); }

    @Override public String queryString() { return request.getHttpURI().getQuery(); }

    @Override
    public String cookie(String name) {
        try {
            for (HttpCookie c : Request.getCookies(request)) {
                if (c.getName().equals(name)) return c.getValue();
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override public long contentLength() { return request.getLength(); }

    @Override public InputStream body() throws IOException { return Content.Source.asInputStream(request); }

    @Override public void status(int status) { this.status = status; }

    @Override public int status() { return status; }

    @Override public void header(String name, String value) { response.getHeaders().put(name, value); }

    @Override
    public void result(String contentType, byte[] body) {
        this.contentType = contentType;
        this.body = body;
    }

    /** Sends the response; the callback completes the exchange. */
    void send(Callback callback) {
        response.setStatus(status);
        if (body != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.write(true, ByteBuffer.wrap(body), callback);
        } else {
            response.write(true, EMPTY.duplicate(), callback);
        }
    }
}
