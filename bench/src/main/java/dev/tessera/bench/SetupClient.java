package dev.tessera.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Scenario setup through the JDK HttpClient: admin token, tenant, client registration, tokens. */
final class SetupClient {
    record Credentials(String clientId, String clientSecret) {
        String basic() {
            return HttpRequests.basic(clientId, clientSecret);
        }
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;

    SetupClient(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String adminToken(String adminId, String adminSecret) throws IOException, InterruptedException {
        String body = send(post("/t/system/token", FORM, "grant_type=client_credentials&scope=admin")
                .header("Authorization", HttpRequests.basic(adminId, adminSecret)), 200);
        return member(body, "access_token");
    }

    /** The tenant's issuer identifier from its OpenID Provider metadata. */
    String issuer(String tenant) throws IOException, InterruptedException {
        return member(send(request("/t/" + tenant + "/.well-known/openid-configuration").GET(), 200), "issuer");
    }

    void createTenant(String adminToken, String tenant) throws IOException, InterruptedException {
        HttpRequest.Builder put = request("/admin/v1/tenants/" + tenant)
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Bench\"}"));
        send(put, 200, 201);
    }

    /** Registers a client_credentials client; {@code format} is "jwt" or "opaque". */
    Credentials registerClient(String adminToken, String tenant, String format)
            throws IOException, InterruptedException {
        String json = "{\"grant_types\":[\"client_credentials\"],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\","
                + "\"scope\":\"read write\",\"access_token_format\":\"" + format + "\"}";
        String body = send(post("/t/" + tenant + "/register", "application/json", json)
                .header("Authorization", "Bearer " + adminToken), 201);
        return new Credentials(member(body, "client_id"), member(body, "client_secret"));
    }

    /** Issues {@code count} access tokens, a few requests at a time. */
    List<String> issueTokens(Credentials client, String tenant, int count) throws IOException, InterruptedException {
        List<String> tokens = new ArrayList<>(count);
        int window = 8;
        for (int done = 0; done < count; done += window) {
            List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
            for (int i = done; i < Math.min(count, done + window); i++) {
                HttpRequest r = post("/t/" + tenant + "/token", FORM, "grant_type=client_credentials&scope=read")
                        .header("Authorization", client.basic()).build();
                batch.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> f : batch) {
                HttpResponse<String> response = f.join();
                expect(response, 200);
                tokens.add(member(response.body(), "access_token"));
            }
        }
        return tokens;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
    }

    private HttpRequest.Builder post(String path, String contentType, String body) {
        return request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private String send(HttpRequest.Builder builder, int... expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        expect(response, expected);
        return response.body();
    }

    private static void expect(HttpResponse<String> response, int... expected) throws IOException {
        for (int e : expected) {
            if (response.statusCode() == e) {
                return;
            }
        }
        throw new IOException(response.request().method() + " " + response.uri() + " answered "
                + response.statusCode() + ": " + abbreviate(response.body()));
    }

    private static String member(String json, String name) throws IOException {
        String value = Json.string(json, name);
        if (value == null) {
            throw new IOException("no string member '" + name + "' in response: " + abbreviate(json));
        }
        return value;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
