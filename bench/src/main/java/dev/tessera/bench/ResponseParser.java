package dev.tessera.bench;

import java.io.IOException;

/**
 * Incremental HTTP/1.1 response parser: status line, headers, and a body framed by Content-Length,
 * chunked transfer coding, or connection close. Only the first {@code captureLimit} body bytes are
 * kept (for cheap response checks); the rest is skipped without copying.
 */
final class ResponseParser {
    private enum State { STATUS, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

    private static final int MAX_LINE = 16 * 1024;

    private final byte[] line = new byte[MAX_LINE];
    private final byte[] body;
    private int lineLength;
    private int bodyLength;
    private State state = State.STATUS;
    private int status;
    private boolean http10;
    private boolean keepAlive;
    private boolean close;
    private boolean chunked;
    private long contentLength;
    private long remaining;

    ResponseParser(int captureLimit) {
        body = captureLimit > 0 ? new byte[captureLimit] : null;
        reset();
    }

    void reset() {
        state = State.STATUS;
        lineLength = 0;
        bodyLength = 0;
        status = 0;
        http10 = false;
        keepAlive = false;
        close = false;
        chunked = false;
        contentLength = -1;
        remaining = 0;
    }

    boolean done() {
        return state == State.DONE;
    }

    /** True once the status line has started arriving. */
    boolean started() {
        return state != State.STATUS || lineLength > 0;
    }

    int status() {
        return status;
    }

    /** Whether the server will close the connection after this response. */
    boolean closeAfter() {
        return close || (http10 && !keepAlive);
    }

    byte[] body() {
        return body;
    }

    int bodyLength() {
        return bodyLength;
    }

    /** Consumes bytes until the response is complete; returns how many bytes were used. */
    int feed(byte[] buf, int off, int len) throws IOException {
        int pos = off;
        int end = off + len;
        while (pos < end && state != State.DONE) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - pos);
                    capture(buf, pos, n);
                    pos += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.BODY ? State.DONE : State.CHUNK_END;
                    }
                }
                case UNTIL_CLOSE -> {
                    capture(buf, pos, end - pos);
                    pos = end;
                }
                default -> pos = readLine(buf, pos, end);
            }
        }
        return pos - off;
    }

    /** Called on end of stream; returns true if that legitimately completes the response. */
    boolean endOfStream() {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            close = true;
            return true;
        }
        return false;
    }

    private int readLine(byte[] buf, int pos, int end) throws IOException {
        while (pos < end) {
            byte b = buf[pos++];
            if (b == '\n') {
                int n = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                lineLength = 0;
                onLine(n);
                return pos;
            }
            if (lineLength == MAX_LINE) {
                throw new IOException("response line too long");
            }
            line[lineLength++] = b;
        }
        return pos;
    }

    private void onLine(int n) throws IOException {
        switch (state) {
            case STATUS -> onStatusLine(n);
            case HEADERS -> {
                if (n == 0) {
                    onHeadersEnd();
                } else {
                    onHeader(n);
                }
            }
            case CHUNK_SIZE -> {
                long size = parseHex(n);
                if (size == 0) {
                    state = State.TRAILERS;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
            }
            case CHUNK_END -> {
                if (n != 0) {
                    throw new IOException("missing CRLF after chunk");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (n == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void onStatusLine(int n) throws IOException {
        if (n == 0) {
            return; // tolerate a stray empty line before the status line
        }
        if (n < 12 || !startsWith(0, "HTTP/1.") || line[8] != ' ') {
            throw new IOException("bad status line");
        }
        http10 = line[7] == '0';
        status = 0;
        for (int i = 9; i < 12; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw new IOException("bad status code");
            }
            status = status * 10 + d;
        }
        state = State.HEADERS;
    }

    private void onHeader(int n) throws IOException {
        int colon = 0;
        while (colon < n && line[colon] != ':') {
            colon++;
        }
        if (colon == n) {
            throw new IOException("bad header line");
        }
        int from = colon + 1;
        int to = n;
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        if (nameIs(colon, "content-length")) {
            contentLength = parseDecimal(from, to);
        } else if (nameIs(colon, "transfer-encoding")) {
            chunked = endsWithIgnoreCase(from, to, "chunked");
        } else if (nameIs(colon, "connection")) {
            close |= containsIgnoreCase(from, to, "close");
            keepAlive |= containsIgnoreCase(from, to, "keep-alive");
        }
    }

    private void onHeadersEnd() {
        if (status >= 100 && status < 200 && status != 101) {
            reset(); // interim response, the real one follows
            return;
        }
        if (status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    private void capture(byte[] buf, int pos, int n) {
        if (body != null && bodyLength < body.length) {
            int c = Math.min(n, body.length - bodyLength);
            System.arraycopy(buf, pos, body, bodyLength, c);
            bodyLength += c;
        }
    }

    private long parseHex(int n) throws IOException {
        long v = 0;
        int i = 0;
        for (; i < n && line[i] != ';' && line[i] != ' ' && line[i] != '\t'; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0 || v > (Long.MAX_VALUE >> 4)) {
                throw new IOException("bad chunk size");
            }
            v = (v << 4) | d;
        }
        if (i == 0) {
            throw new IOException("empty chunk size");
        }
        return v;
    }

    private long parseDecimal(int from, int to) throws IOException {
        if (from == to) {
            throw new IOException("bad content-length");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9 || v > Long.MAX_VALUE / 10) {
                throw new IOException("bad content-length");
            }
            v = v * 10 + d;
        }
        return v;
    }

    private boolean startsWith(int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (line[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(int length, String lowerName) {
        return length == lowerName.length() && regionMatches(0, lowerName);
    }

    private boolean endsWithIgnoreCase(int from, int to, String lower) {
        return to - from >= lower.length() && regionMatches(to - lower.length(), lower);
    }

    private boolean containsIgnoreCase(int from, int to, String lower) {
        for (int i = from; i + lower.length() <= to; i++) {
            if (regionMatches(i, lower)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatches(int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int c = line[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
