package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RFC 7644 §3.1 and RFC 8259 §8.1: SCIM answers are JSON in UTF-8 and say so, so that a client does
 * not decode them as ISO-8859-1 (the HTTP/1.1 default for a text type without a charset).
 */
@Tag("rfc7644")
class Rfc7644Section3_1CharsetTest extends ScimSpecTest {
    private static final String NAME = "Zoë Ångström 日本";
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<byte[]> raw(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl + path))
                .header("Authorization", "Bearer " + admin());
        if (json != null) b.header("Content-Type", SCIM_JSON);
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void expectUtf8(HttpResponse<byte[]> r) {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/scim+json;charset=UTF-8");
    }

    @Test
    @DisplayName("RFC 7644 §3.1: a non-ASCII name round-trips, and every answer is application/scim+json;charset=UTF-8")
    void nonAsciiName_roundTripsAsUtf8() throws Exception {
        String t = tenant();
        HttpResponse<byte[]> created = raw("POST", base(t) + "/Users",
                user("zoe", "\"displayName\":\"" + NAME + "\"", "\"name\":{\"givenName\":\"" + NAME + "\"}"));
        assertThat(created.statusCode()).isEqualTo(201);
        expectUtf8(created);
        String body = new String(created.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"displayName\":\"" + NAME + "\"").contains("\"givenName\":\"" + NAME + "\"");
        String id = body.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");

        HttpResponse<byte[]> read = raw("GET", base(t) + "/Users/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        expectUtf8(read);
        assertThat(new String(read.body(), StandardCharsets.UTF_8)).contains("\"displayName\":\"" + NAME + "\"");

        HttpResponse<byte[]> list = raw("GET", base(t) + "/Users", null);
        expectUtf8(list);
        assertThat(new String(list.body(), StandardCharsets.UTF_8)).contains(NAME);
        expectUtf8(raw("GET", base(t) + "/ServiceProviderConfig", null));
    }

    @Test
    @DisplayName("RFC 7644 §3.12: SCIM errors are application/scim+json;charset=UTF-8 too")
    void errors_sayUtf8() throws Exception {
        String t = tenant();
        HttpResponse<byte[]> missing = raw("GET", base(t) + "/Users/no-such-user", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        expectUtf8(missing);
    }
}
