package dev.tessera.spec.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, for requests the JDK HttpClient refuses to send:
 * invalid header bytes, raw invalid percent-encoding in the request line, huge headers, NUL bytes,
 * bogus protocol versions. Every request is sent with {@code Connection: close} (unless told
 * otherwise) and the answer is read until the server closes the connection.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 20_000;

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** An answer: status, headers (lower-case names) and the body as UTF-8 text (chunked bodies decoded). */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    Request request(String method, String target) {
        return new Request(method, target);
    }

    /** Sends bytes exactly as given (they must carry their own framing) and reads the answer. */
    Reply sendBytes(byte[] request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            IOException writeFailure = null;
            OutputStream out = s.getOutputStream();
            try {
                for (int off = 0; off < request.length; off += 16 * 1024) {
                    out.write(request, off, Math.min(16 * 1024, request.length - off));
                }
                out.flush();
                s.shutdownOutput();
            } catch (IOException e) {
                // the server may answer (413, 431 …) and close before it has read everything
                writeFailure = e;
            }
            byte[] answer = readAll(s.getInputStream());
            if (answer.length == 0) {
                throw new AssertionError("no answer at all from the server"
                        + (writeFailure == null ? "" : " (write failed: " + writeFailure + ")"));
            }
            return parse(answer);
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered completely nor closed the connection: "
                    + buf.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // connection reset after the answer: keep what arrived
            if (buf.size() == 0) throw e;
        }
        return buf.toByteArray();
    }

    static Reply parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) throw new AssertionError("incomplete HTTP answer: " + text);
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP/1.x status line: " + lines[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) throw new AssertionError("malformed answer header: " + lines[i]);
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        } else if (headers.containsKey("content-length")) {
            int len = Integer.parseInt(headers.get("content-length").get(0));
            if (len > body.length) throw new AssertionError("answer body shorter than its Content-Length: " + text);
            body = java.util.Arrays.copyOf(body, len);
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, pos);
            if (lineEnd < 0) throw new AssertionError("truncated chunked answer");
            String sizeLine = new String(body, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) return out.toByteArray();
            if (pos + size > body.length) throw new AssertionError("truncated chunk in answer");
            out.write(body, pos, size);
            pos += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') return i;
        }
        return -1;
    }

    /** A request line, headers and body; Host, Content-Length and Connection: close are added unless suppressed. */
    final class Request {
        private final String method;
        private final String target;
        private final List<byte[]> headerLines = new ArrayList<>();
        private byte[] body = new byte[0];
        private String version = "HTTP/1.1";
        private boolean host = true;
        private boolean contentLength = true;

        Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        Request header(String name, String value) {
            return headerLine((name + ": " + value).getBytes(StandardCharsets.UTF_8));
        }

        /** A header line exactly as given (no CRLF), e.g. with NUL or non-UTF-8 bytes. */
        Request headerLine(byte[] line) {
            headerLines.add(line);
            return this;
        }

        Request version(String v) {
            this.version = v;
            return this;
        }

        Request noHost() {
            this.host = false;
            return this;
        }

        /** Sends no Content-Length of its own (the test supplies framing headers itself). */
        Request noContentLength() {
            this.contentLength = false;
            return this;
        }

        Request body(String contentType, String text) {
            return body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        Request body(String contentType, byte[] bytes) {
            if (contentType != null) header("Content-Type", contentType);
            this.body = bytes;
            return this;
        }

        Request form(String form) {
            return body("application/x-www-form-urlencoded", form);
        }

        Request json(String json) {
            return body("application/json", json);
        }

        Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Request basic(String id, String secret) {
            return header("Authorization", dev.tessera.testing.Http.basic(id, secret));
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((method + " " + target + " " + version + "\r\n").getBytes(StandardCharsets.UTF_8));
            if (host) out.writeBytes(("Host: " + RawHttp.this.host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] line : headerLines) {
                out.writeBytes(line);
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            if (contentLength && (body.length > 0 || !method.equals("GET") && !method.equals("HEAD"))) {
                out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
            return out.toByteArray();
        }

        Reply send() {
            return sendBytes(bytes());
        }
    }
}
