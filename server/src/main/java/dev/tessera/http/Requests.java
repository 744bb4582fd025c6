package dev.tessera.http;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.FormParameters;
import dev.tessera.protocol.OAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Decoding of request bodies and headers, strict and bounded; failures are 4xx, never 5xx. */
final class Requests {
    static final int MAX_FORM_BYTES = 64 * 1024;
    static final int MAX_JSON_BYTES = 256 * 1024;

    private Requests() {}

    /** The form body of a POST (RFC 6749 §3.2: application/x-www-form-urlencoded, UTF-8). */
    static FormParameters form(Exchange ctx) {
        String ct = ctx.header("Content-Type");
        if (ct == null || !mediaType(ct).equals("application/x-www-form-urlencoded")) {
            throw OAuthException.invalidRequest("The request body must be application/x-www-form-urlencoded");
        }
        String charset = charset(ct);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw OAuthException.invalidRequest("The request body must be UTF-8");
        }
        byte[] body = body(ctx, MAX_FORM_BYTES);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7E) {
                throw OAuthException.invalidRequest("Malformed form body").detail("non-ASCII byte in form body");
            }
        }
        return FormParameters.parse(text);
    }

    /** A JSON object body (admin and registration surfaces). */
    static Map<String, Object> jsonObject(Exchange ctx) {
        String ct = ctx.header("Content-Type");
        if (ct == null || !mediaType(ct).equals("application/json")) {
            throw new OAuthException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json");
        }
        byte[] body = body(ctx, MAX_JSON_BYTES);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw OAuthException.invalidRequest("The request body is not valid UTF-8");
        }
        try {
            Object parsed = new net.minidev.json.parser.JSONParser(net.minidev.json.parser.JSONParser.MODE_RFC4627)
                    .parse(text, new StrictJsonReader());
            if (parsed instanceof net.minidev.json.JSONObject obj) {
                return obj;
            }
        } catch (OAuthException e) {
            throw e;
        } catch (net.minidev.json.parser.ParseException | RuntimeException e) {
            throw OAuthException.invalidRequest("The request body is not valid JSON");
        }
        throw OAuthException.invalidRequest("The request body must be a JSON object");
    }

    /** A JSON object body, or an empty object when the request has no body at all (optional bodies). */
    static Map<String, Object> optionalJsonObject(Exchange ctx) {
        long length = ctx.contentLength();
        if (length == 0 || (length < 0 && ctx.header("Transfer-Encoding") == null)) return Map.of();
        return jsonObject(ctx);
    }

    /**
     * json-smart's usual objects and arrays, but refusing what would be stored wrongly or ambiguously:
     * a repeated member name (RFC 8259 §4 leaves its meaning open), and strings with control
     * characters other than tab/CR/LF or with unpaired surrogates (not Unicode text; PostgreSQL cannot
     * store U+0000). The parser itself limits the nesting depth (MODE_RFC4627 includes LIMIT_JSON_DEPTH).
     */
    private static final class StrictJsonReader extends net.minidev.json.writer.JsonReaderI<Object> {
        StrictJsonReader() {
            super(net.minidev.json.JSONValue.defaultReader);
        }

        @Override
        public net.minidev.json.writer.JsonReaderI<?> startObject(String key) {
            return this;
        }

        @Override
        public net.minidev.json.writer.JsonReaderI<?> startArray(String key) {
            return this;
        }

        @Override
        public Object createObject() {
            return new net.minidev.json.JSONObject();
        }

        @Override
        public Object createArray() {
            return new net.minidev.json.JSONArray();
        }

        @Override
        public void setValue(Object current, String key, Object value) {
            net.minidev.json.JSONObject obj = (net.minidev.json.JSONObject) current;
            checkText(key);
            if (obj.containsKey(key)) {
                throw OAuthException.invalidRequest("A JSON member name is repeated").detail("repeated member " + key);
            }
            if (value instanceof String str) checkText(str);
            obj.put(key, value);
        }

        @Override
        public void addValue(Object current, Object value) {
            if (value instanceof String str) checkText(str);
            ((net.minidev.json.JSONArray) current).add(value);
        }

        private static void checkText(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
                boolean unpaired = Character.isHighSurrogate(c)
                        ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(++i))
                        : Character.isLowSurrogate(c);
                if (control || unpaired) {
                    throw OAuthException.invalidRequest("JSON strings must not hold control characters or unpaired surrogates");
                }
            }
        }
    }

    static byte[] body(Exchange ctx, int max) {
        // RFC 9110 §8.4.1: a content coding we do not decode must not be read as if it were identity
        String coding = ctx.header("Content-Encoding");
        if (coding != null && !coding.isBlank() && !coding.trim().equalsIgnoreCase("identity")) {
            throw new OAuthException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding is not supported");
        }
        long declared = ctx.contentLength();
        if (declared > max) {
            // with Expect: 100-continue the body was not sent yet: opening the stream would invite it
            boolean waiting = "100-continue".equalsIgnoreCase(String.valueOf(ctx.header("Expect")).trim());
            if (waiting || declared > DRAIN_LIMIT) throw tooLarge(null, declared);
        }
        try (var in = ctx.body()) {
            if (declared > max) throw tooLarge(in, declared);
            if (declared >= 0) {
                // the usual case: read exactly the declared length (readNBytes(max) would zero a 16 KiB buffer per request)
                byte[] bytes = new byte[(int) declared];
                int n = in.readNBytes(bytes, 0, bytes.length);
                if (n < bytes.length) throw OAuthException.invalidRequest("The request body is shorter than its Content-Length");
                return bytes;
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) throw tooLarge(in, declared);
            return bytes;
        } catch (java.io.IOException e) {
            throw OAuthException.invalidRequest("The request body could not be read");
        }
    }

    /** Bodies up to this size are read to the end before a 413, so the client, still sending, gets the answer. */
    private static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    /**
     * RFC 9110 §15.5.14: 413, and close the connection. Answering while the client is still sending
     * makes the closing socket reset the connection before the client reads the response, so a
     * moderately large body is read and discarded first.
     */
    private static OAuthException tooLarge(java.io.InputStream in, long declared) {
        if (in != null && declared <= DRAIN_LIMIT) {
            try {
                byte[] sink = new byte[8192];
                long total = 0;
                int n;
                while (total <= DRAIN_LIMIT && (n = in.read(sink)) > 0) total += n;
            } catch (java.io.IOException ignored) {
                // the client went away; nothing to answer
            }
        }
        return new OAuthException(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large").header("Connection", "close");
    }

    /** RFC 6750 §2.1: the bearer token of the Authorization header, or null. */
    static String bearer(Exchange ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        String t = h.substring(7).trim();
        return t.isEmpty() ? null : t;
    }

    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    static String charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").trim();
            }
        }
        return null;
    }
}
