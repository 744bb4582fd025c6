package dev.tessera.http;

import dev.tessera.protocol.OAuthException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One HTTP exchange, the only request model endpoints see: what came in (method, path and its
 * parameters, query, headers, cookies, body, the peer as far as it can be believed, its client
 * certificate, the URI it was sent to) and what goes out (status, headers, one body), plus the
 * audit events of the request, which {@link Pipeline} emits. Served on Jetty's core API.
 */
final class Exchange {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Request request;
    private final Response response;
    private final Connection connection;
    private final RequestAudit audit = new RequestAudit();
    private Route route;
    private String[] segments;
    private Map<String, String> cookies;
    private Map<String, List<String>> query;
    private int status = 200;
    private String contentType;
    private byte[] body;

    /** What the exchange needs to know about the deployment to describe its peer. */
    record Connection(TrustedProxies proxies, String clientCertHeader) {
        static final Connection DIRECT = new Connection(TrustedProxies.NONE, null);
    }

    Exchange(Request request, Response response, Connection connection) {
        this.request = request;
        this.response = response;
        this.connection = connection;
    }

    void matched(Route route, String[] segments) {
        this.route = route;
        this.segments = segments;
    }

    /** The matched route, or null (404/405). */
    Route route() { return route; }

    RequestAudit audit() { return audit; }

    // ---- request ----------------------------------------------------------------------------------

    /** The request method as sent (methods are case-sensitive, RFC 9110 §9.1). */
    String method() { return request.getMethod(); }

    /** The request path, not decoded. */
    String path() { return request.getHttpURI().getPath(); }

    /** A path parameter of the matched route ({@code {name}} or {@code <name>}), percent-decoded. */
    String pathParam(String name) {
        String raw = route.rawParam(name, segments);
        if (raw == null) throw new IllegalArgumentException("route " + route.pattern() + " has no parameter " + name);
        if (raw.indexOf('%') < 0) return raw;
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("The request path is malformed");
        }
    }

    String header(String name) { return request.getHeaders().get(name); }

    /** Every value of a header, in order. */
    List<String> headers(String name) {
        var fields = request.getHeaders();
        return fields.contains(name) ? fields.getValuesList(name) : List.of();
    }

    /** The raw query string, or null. */
    String queryString() { return request.getHttpURI().getQuery(); }

    /** The decoded values of a query parameter (empty when absent). */
    List<String> queryParams(String name) {
        if (query == null) {
            Map<String, List<String>> q = new java.util.LinkedHashMap<>();
            String raw = queryString();
            if (raw != null && !raw.isEmpty()) {
                for (String pair : raw.split("&")) {
                    if (pair.isEmpty()) continue;
                    int eq = pair.indexOf('=');
                    String k = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
                    String v = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
                    q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            }
            query = q;
        }
        return query.getOrDefault(name, List.of());
    }

    /** Every query parameter with its decoded values, in order. */
    Map<String, List<String>> queryParamMap() {
        queryParams("");
        return java.util.Collections.unmodifiableMap(query);
    }

    /** The first value of a query parameter, or null. */
    String queryParam(String name) {
        List<String> v = queryParams(name);
        return v.isEmpty() ? null : v.get(0);
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("The query string is malformed");
        }
    }

    /** A request cookie, or null (also when the Cookie header cannot be parsed). */
    String cookie(String name) {
        if (cookies == null) {
            Map<String, String> c = new HashMap<>();
            try {
                for (HttpCookie k : Request.getCookies(request)) c.putIfAbsent(k.getName(), k.getValue());
            } catch (RuntimeException e) {
                c.clear();                  // a Cookie header the parser cannot read carries no usable cookie
            }
            cookies = c;
        }
        return cookies.get(name);
    }

    /** The declared body length, or -1. */
    long contentLength() { return request.getLength(); }

    InputStream body() throws IOException {
        return readAhead != null ? new java.io.ByteArrayInputStream(readAhead) : Content.Source.asInputStream(request);
    }

    /**
     * Reads up to {@code max + 1} bytes of the body now, so that what runs next (inside a bounded
     * lane) does not wait on a slow sender: a client that trickles its body holds a thread, never a
     * permit others need. {@link #body()} then serves those bytes; a read error leaves them short,
     * and the endpoint's own checks (Content-Length, size) answer as they would have.
     */
    void readBodyAhead(int max) {
        if (readAhead != null || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) return;
        long declared = request.getLength();
        if (declared == 0 || declared > max) return;   // too large: the endpoint answers 413 without inviting it
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buf = new byte[8192];
            int n;
            while (out.size() <= max && (n = in.read(buf, 0, (int) Math.min(buf.length, max + 1L - out.size()))) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // keep what arrived; the endpoint sees a short body
        }
        readAhead = out.toByteArray();
    }

    private byte[] readAhead;

    /** The address of the TCP peer. */
    InetAddress peerAddress() {
        SocketAddress a = request.getConnectionMetaData().getRemoteSocketAddress();
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
    }

    /**
     * The client's address: the peer's, or, when the peer is a trusted proxy, the nearest address in
     * {@code X-Forwarded-For} that is not itself a trusted proxy (CONTRACT §8.2).
     */
    InetAddress remoteAddress() {
        InetAddress peer = peerAddress();
        if (!connection.proxies().trusts(peer)) return peer;
        List<String> forwarded = headers("X-Forwarded-For");
        InetAddress client = peer;
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                InetAddress hop = ForwardedAddress.parse(hops[i]);
                if (hop == null) return client;                     // garbage: believe nothing before it
                client = hop;
                if (!connection.proxies().trusts(hop)) return client;
            }
        }
        return client;
    }

    /** The remote address as text, for keys and logs. */
    String remoteAddressText() {
        InetAddress a = remoteAddress();
        return a == null ? "unknown" : a.getHostAddress();
    }

    /**
     * The client certificate: from the TLS session of a direct HTTPS connection, else from the
     * configured header when the peer is a trusted proxy (URL-encoded PEM, as NGINX's
     * {@code $ssl_client_escaped_cert}); null when there is none or it cannot be read.
     */
    X509Certificate clientCertificate() {
        if (request.isSecure() && request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls) {
            X509Certificate[] chain = tls.peerCertificates();
            if (chain != null && chain.length > 0) return chain[0];
        }
        String name = connection.clientCertHeader();
        if (name == null || name.isEmpty() || !connection.proxies().trusts(peerAddress())) return null;
        return ForwardedCertificate.parse(header(name));
    }

    /**
     * The URI the request was sent to as this server received it: scheme, authority (the Host header)
     * and raw path, no query. A string: parsing it is left to the one who compares it (DPoP {@code htu}).
     */
    String requestUri() {
        var u = request.getHttpURI();
        String authority = u.getAuthority();
        return u.getScheme() + "://" + (authority == null ? "" : authority) + u.getPath();
    }

    /** Whether the connection is TLS. */
    boolean secure() { return request.isSecure(); }

    // ---- response ---------------------------------------------------------------------------------

    void status(int status) { this.status = status; }

    int status() { return status; }

    /** Sets (replaces) a response header. */
    void header(String name, String value) { response.getHeaders().put(name, value); }

    /** Adds a response header (Set-Cookie). */
    void addHeader(String name, String value) { response.getHeaders().add(name, value); }

    /** A response header already set, or null. */
    String responseHeader(String name) { return response.getHeaders().get(name); }

    /** Sets the response body. */
    void result(String contentType, byte[] body) {
        this.contentType = contentType;
        this.body = body;
    }

    /** 302 to {@code location}. */
    void redirect(String location) {
        status(302);
        header("Location", location);
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
