package dev.tessera.examples.sampleapi;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tessera.resourceserver.AccessToken;
import dev.tessera.resourceserver.Decision;
import dev.tessera.resourceserver.ResourceServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes a request: health, then {@link ResourceServer#authorize}, then the orders of the token's tenant. */
final class ApiHandler implements HttpHandler {
    private static final int MAX_BODY = 4096;

    private final ResourceServer resourceServer;
    private final Orders orders;

    ApiHandler(ResourceServer resourceServer, Orders orders) {
        this.resourceServer = resourceServer;
        this.orders = orders;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = readBody(ex.getRequestBody());
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.equals("/api/health")) {
                send(ex, 200, Map.of("status", "ok"));
                return;
            }
            if (!path.startsWith("/api/")) {
                send(ex, 404, Map.of("error", "not_found"));
                return;
            }
            Headers headers = ex.getRequestHeaders();
            Decision d = resourceServer.authorize(method, path, name -> {
                List<String> values = headers.get(name);
                return values == null || values.isEmpty() ? null : String.join(", ", values);
            });
            if (d instanceof Decision.Deny deny) {
                ex.getResponseHeaders().set("WWW-Authenticate", deny.challenge());
                System.out.printf("%s %s -> %d (%s)%n", method, path, deny.status(), deny.detail());
                send(ex, deny.status(), deny.body());
                return;
            }
            AccessToken token = ((Decision.Allow) d).token();
            // the routes are the resource server's: GET and POST /api/t/{tenant}/orders, tenant = token's
            if (method.equals("POST")) {
                if (body == null) {
                    send(ex, 413, Map.of("error", "too_large"));
                    return;
                }
                Map<String, Object> created = orders.add(token.tenant(), item(body), token.subject());
                send(ex, 201, Map.of("order", created, "token", claims(token)));
            } else {
                send(ex, 200, Map.of("tenant", token.tenant(), "orders", orders.list(token.tenant()), "token", claims(token)));
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(ex, 500, Map.of("error", "server_error"));
        }
    }

    /** What the API received: the verified claims the example shows. */
    static Map<String, Object> claims(AccessToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iss", t.issuer());
        m.put("sub", t.subject());
        m.put("client_id", t.clientId());
        m.put("tenant_id", t.tenant());
        m.put("scope", t.scope());
        m.put("aud", t.audience());
        m.put("jti", t.jwtId());
        m.put("exp", t.expiresAt().getEpochSecond());
        return m;
    }

    /** {@code {"item": "…"}} or anything else (then "item"). */
    private static String item(byte[] body) {
        try {
            Object item = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8)).get("item");
            if (item instanceof String s && !s.isBlank() && s.length() <= 200) return s;
        } catch (ParseException e) {
            // not JSON: a default item
        }
        return "item";
    }

    /** The whole body, or null when it exceeds {@link #MAX_BODY}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return b;
    }

    private static void send(HttpExchange ex, int status, Map<String, Object> json) throws IOException {
        send(ex, status, JSONObjectUtils.toJSONString(json));
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
