package dev.tessera.spec.tokenhandler;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-page app as the OAuth agent sees it: fetch calls with {@code credentials: "include"} from one
 * web origin (an {@code Origin} header), the agent's cookies in a jar (Max-Age=0 deletes), and the CSRF
 * token from {@code login/end} sent back in {@code x-{prefix}-csrf}. No redirects are followed.
 */
final class Spa {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    private final String agentUrl;
    private final String prefix;
    String origin;
    String csrf;
    final Map<String, String> jar = new LinkedHashMap<>();

    Spa(String agentUrl, String prefix, String origin) {
        this.agentUrl = agentUrl;
        this.prefix = prefix;
        this.origin = origin;
    }

    String cookie(String suffix) {
        return jar.get(prefix + suffix);
    }

    void setCookie(String suffix, String value) {
        jar.put(prefix + suffix, value);
    }

    Reply post(String path, String json) {
        return send("POST", path, json, csrf);
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    /** The request as fetch sends it: Origin (if set), JSON body, cookies and, when given, the CSRF header. */
    Reply send(String method, String path, String json, String csrfHeader) {
        return send(method, path, json, csrfHeader, Map.of());
    }

    Reply send(String method, String path, String json, String csrfHeader, Map<String, String> extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(agentUrl + path)).timeout(Duration.ofSeconds(30));
        if (origin != null) b.header("Origin", origin);
        if (!jar.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            jar.forEach((k, v) -> pairs.add(k + "=" + v));
            b.header("Cookie", String.join("; ", pairs));
        }
        if (csrfHeader != null) b.header("x-" + prefix + "-csrf", csrfHeader);
        extraHeaders.forEach(b::header);
        if (json != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            for (String sc : r.headers().allValues("Set-Cookie")) store(sc);
            return new Reply(r);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void store(String setCookie) {
        String first = setCookie.split(";")[0];
        int eq = first.indexOf('=');
        String name = first.substring(0, eq).trim();
        String value = first.substring(eq + 1).trim();
        if (value.isEmpty() || setCookie.contains("Max-Age=0")) jar.remove(name);
        else jar.put(name, value);
    }

    /** An answer of the agent. */
    static final class Reply {
        final HttpResponse<String> raw;

        Reply(HttpResponse<String> raw) {
            this.raw = raw;
        }

        int status() { return raw.statusCode(); }

        String header(String name) { return raw.headers().firstValue(name).orElse(null); }

        List<String> setCookies() { return raw.headers().allValues("Set-Cookie"); }

        /** The Set-Cookie header of the named cookie (full name), or null. */
        String setCookie(String name) {
            return setCookies().stream().filter(s -> s.startsWith(name + "=")).findFirst().orElse(null);
        }

        Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(raw.body());
            } catch (java.text.ParseException e) {
                throw new AssertionError("not JSON: " + raw.body());
            }
        }

        Reply expectStatus(int status) {
            assertThat(raw.statusCode()).as("status of %s %s: %s", raw.request().method(), raw.request().uri(), raw.body())
                    .isEqualTo(status);
            return this;
        }

        /** The agent's error body: {@code {"code", "message"}}. */
        Reply expectError(int status, String code) {
            expectStatus(status);
            assertThat(header("Content-Type")).startsWith("application/json");
            assertThat(json()).as("error body").containsEntry("code", code).containsKey("message");
            return this;
        }
    }
}
