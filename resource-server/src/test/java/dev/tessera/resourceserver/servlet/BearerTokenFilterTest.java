package dev.tessera.resourceserver.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.resourceserver.AccessToken;
import dev.tessera.resourceserver.FixtureAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The servlet filter over in-memory fakes of the request and response (only what the filter reads). */
@Tag("rfc6750")
class BearerTokenFilterTest {
    private final FixtureAccess f = new FixtureAccess();
    private final BearerTokenFilter filter = new BearerTokenFilter(f.ordersApi());

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    @DisplayName("RFC 6750 §2.1: an allowed request reaches the chain with its token as a request attribute")
    void allowed_passesWithToken() throws Exception {
        FakeRequest req = new FakeRequest("GET", "/shop", "/shop/api/t/acme/orders", Map.of("Authorization", List.of("Bearer " + f.acmeToken())));
        FakeResponse res = new FakeResponse();
        boolean[] called = {false};
        FilterChain chain = (rq, rs) -> called[0] = true;
        filter.doFilter(req.proxy(), res.proxy(), chain);
        assertThat(called[0]).isTrue();
        assertThat(((AccessToken) req.attributes.get(BearerTokenFilter.ACCESS_TOKEN)).subject()).isEqualTo("alice");
        assertThat(res.status).isZero();
    }

    @Test
    @DisplayName("RFC 6750 §3: a refused request is answered by the filter: status, WWW-Authenticate, JSON, no-store")
    void refused_answeredByFilter() throws Exception {
        FakeRequest req = new FakeRequest("GET", "", "/api/t/acme/orders", Map.of());
        FakeResponse res = new FakeResponse();
        filter.doFilter(req.proxy(), res.proxy(), (rq, rs) -> { throw new AssertionError("chain must not run"); });
        assertThat(res.status).isEqualTo(401);
        assertThat(res.headers).containsEntry("WWW-Authenticate", "Bearer realm=\"api\"").containsEntry("Cache-Control", "no-store");
        assertThat(res.contentType).isEqualTo("application/json");
        assertThat(res.body.toString(StandardCharsets.UTF_8)).isEqualTo("{\"error_description\":\"An access token is required\"}");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: two Authorization fields make an invalid request (400)")
    void twoAuthorizationFields_400() throws Exception {
        String t = f.acmeToken();
        FakeRequest req = new FakeRequest("GET", "", "/api/t/acme/orders", Map.of("Authorization", List.of("Bearer " + t, "Bearer " + t)));
        FakeResponse res = new FakeResponse();
        filter.doFilter(req.proxy(), res.proxy(), (rq, rs) -> { throw new AssertionError("chain must not run"); });
        assertThat(res.status).isEqualTo(400);
        assertThat(res.headers.get("WWW-Authenticate")).contains("error=\"invalid_request\"");
    }

    /** Fake HttpServletRequest: method, context path, URI, headers, attributes. */
    static final class FakeRequest {
        final Map<String, Object> attributes = new HashMap<>();
        private final String method;
        private final String contextPath;
        private final String uri;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        FakeRequest(String method, String contextPath, String uri, Map<String, List<String>> headers) {
            this.method = method;
            this.contextPath = contextPath;
            this.uri = uri;
            this.headers.putAll(headers);
        }

        HttpServletRequest proxy() {
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                    (p, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getContextPath" -> contextPath;
                        case "getRequestURI" -> uri;
                        case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                        case "setAttribute" -> attributes.put((String) args[0], args[1]);
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** Fake HttpServletResponse: status, headers, content type, body. */
    static final class FakeResponse {
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status;
        String contentType;

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override public boolean isReady() { return true; }
                @Override public void setWriteListener(WriteListener l) {}
                @Override public void write(int b) { body.write(b); }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                    (p, m, args) -> switch (m.getName()) {
                        case "setStatus" -> { status = (Integer) args[0]; yield null; }
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> { contentType = (String) args[0]; yield null; }
                        case "setContentLength" -> null;
                        case "getOutputStream" -> out;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }
}
