package dev.tessera.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** An exchange served by Javalin. */
final class JavalinExchange implements Exchange {
    private final Context ctx;

    private JavalinExchange(Context ctx) {
        this.ctx = ctx;
    }

    static Exchange of(Context ctx) {
        return new JavalinExchange(ctx);
    }

    @Override public String method() { return ctx.method().name(); }

    @Override public String path() { return ctx.path(); }

    @Override public String header(String name) { return ctx.header(name); }

    @Override public String queryString() { return ctx.queryString(); }

    @Override
    public String cookie(String name) {
        try {
            return ctx.cookie(name);
        } catch (RuntimeException e) {
            return null;                    // a Cookie header the parser cannot read carries no usable cookie
        }
    }

    @Override public long contentLength() { return ctx.req().getContentLengthLong(); }

    @Override public InputStream body() throws IOException { return ctx.req().getInputStream(); }

    @Override public void status(int status) { ctx.status(status); }

    @Override public int status() { return ctx.statusCode(); }

    @Override public void header(String name, String value) { ctx.header(name, value); }

    @Override
    public void result(String contentType, byte[] body) {
        ctx.contentType(contentType);
        ctx.result(body);
    }
}
