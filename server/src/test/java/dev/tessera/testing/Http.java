package dev.tessera.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small fluent HTTP client for black-box tests. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Request get(String path) { return new Request("GET", path); }

    public Request post(String path) { return new Request("POST", path); }

    public Request put(String path) { return new Request("PUT", path); }

    public Request delete(String path) { return new Request("DELETE", path); }

    public Request method(String method, String path) { return new Request(method, path); }

    /** Form encoding of name/value pairs (repeats allowed). */
    public static String form(String... nameValues) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parts.add(URLEncoder.encode(nameValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    public static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body = "";

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request basicAuth(String id, String secret) { return header("Authorization", basic(id, secret)); }

        public Request bearer(String token) { return header("Authorization", "Bearer " + token); }

        public Request form(String... nameValues) {
            headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
            body = Http.form(nameValues);
            return this;
        }

        public Request rawForm(String raw) {
            headers.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
            body = raw;
            return this;
        }

        public Request json(String json) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = json;
            return this;
        }

        public Request body(String contentType, String raw) {
            if (contentType != null) headers.put("Content-Type", contentType);
            body = raw;
            return this;
        }

        public Response send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
            headers.forEach(b::header);
            b.method(method, body.isEmpty() && (method.equals("GET") || method.equals("DELETE") || method.equals("HEAD"))
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpRequest request = b.build();
            try {
                try {
                    return new Response(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
                } catch (java.io.IOException e) {
                    // One client is shared by every test class, each with its own server: a pooled connection
                    // can be closed under a request (its server stopped, its port since reused, or an idle
                    // close racing the reuse) before any byte of an answer. That is the transport, not the
                    // server's answer; like a browser, send once more, on a connection of its own.
                    if (!staleConnection(e)) throw e;
                    System.err.println("Http: " + method + " " + path + " retried on a fresh connection after: " + e.getMessage());
                    return new Response(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
                }
            } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** No answer began: the connection was closed or reset before the status line. */
    private static boolean staleConnection(java.io.IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("header parser received no bytes") || m.contains("Broken pipe") || m.contains("Connection reset")) {
                return true;
            }
        }
        return false;
    }

    public static final class Response {
        public final HttpResponse<String> raw;

        Response(HttpResponse<String> raw) {
            this.raw = raw;
        }

        public int status() { return raw.statusCode(); }

        public String body() { return raw.body(); }

        public String header(String name) { return raw.headers().firstValue(name).orElse(null); }

        public Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(raw.body());
            } catch (java.text.ParseException e) {
                throw new AssertionError("not JSON: " + raw.body());
            }
        }

        public String string(String member) {
            Object v = json().get(member);
            return v == null ? null : v.toString();
        }

        public Response expectStatus(int status) {
            assertThat(raw.statusCode()).as("status of %s %s: %s", raw.request().method(), raw.request().uri(), raw.body())
                    .isEqualTo(status);
            return this;
        }

        public Response expectError(String error) {
            assertThat(string("error")).as("error of %s", raw.body()).isEqualTo(error);
            return this;
        }

        public Response expectHeader(String name, String value) {
            assertThat(header(name)).as("header %s", name).isEqualTo(value);
            return this;
        }
    }
}
