package dev.tessera.resourceserver;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny stand-in for Tessera's {@code GET {issuer}/jwks}: public keys per tenant, counting fetches. */
final class JwksServer implements AutoCloseable {
    private static final Pattern JWKS_PATH = Pattern.compile("/t/([a-z0-9-]+)/jwks");

    private final HttpServer http;
    private final Map<String, List<JWK>> keys = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private volatile boolean failing;

    JwksServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            Matcher m = JWKS_PATH.matcher(exchange.getRequestURI().getPath());
            List<JWK> set = m.matches() ? keys.get(m.group(1)) : null;
            if (m.matches()) fetches.computeIfAbsent(m.group(1), t -> new AtomicInteger()).incrementAndGet();
            if (set == null || failing) {
                exchange.sendResponseHeaders(failing ? 500 : 404, -1);
                exchange.close();
                return;
            }
            byte[] body = new JWKSet(set).toString(true).getBytes(StandardCharsets.UTF_8); // public keys only
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    String publicUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    String issuer(String tenant) {
        return publicUrl() + "/t/" + tenant;
    }

    /** Publishes these keys (public parts) as the tenant's JWKS, replacing the previous ones. */
    void publish(String tenant, JWK... jwks) {
        keys.put(tenant, List.of(jwks));
    }

    int fetches(String tenant) {
        AtomicInteger n = fetches.get(tenant);
        return n == null ? 0 : n.get();
    }

    void failing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
