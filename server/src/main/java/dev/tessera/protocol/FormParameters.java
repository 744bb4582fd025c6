package dev.tessera.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strictly decoded {@code application/x-www-form-urlencoded} body. Invalid percent-encoding or
 * UTF-8 is an {@code invalid_request}, never a server error.
 * Spec: RFC 6749 Appendix B; RFC 6749 §3.2 (parameters must not repeat).
 */
public final class FormParameters {
    private final Map<String, List<String>> values;
    /** The names a reader declared it reads ({@link #declared}); null: any. */
    private final Set<String> readable;

    private FormParameters(Map<String, List<String>> values) {
        this(values, null);
    }

    private FormParameters(Map<String, List<String>> values, Set<String> readable) {
        this.values = values;
        this.readable = readable;
    }

    /**
     * The same parameters, readable only by the names given: a grant's {@code parse} sees exactly the
     * parameters its grant type declares (RFC 6749 §3.2: others are ignored), and reading an
     * undeclared one is a programming error, caught by the first test that exercises it.
     */
    public FormParameters declared(Set<String> names) {
        return new FormParameters(values, Set.copyOf(names));
    }

    private List<String> read(String name) {
        if (readable != null && !readable.contains(name)) {
            throw new IllegalStateException("parameter '" + name + "' is read but not declared");
        }
        return values.get(name);
    }

    public static FormParameters empty() {
        return new FormParameters(Map.of());
    }

    public static FormParameters of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new FormParameters(Collections.unmodifiableMap(copy));
    }

    public static FormParameters parse(String body) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return new FormParameters(map);
        }
        int start = 0;
        int len = body.length();
        while (start <= len) {
            int amp = body.indexOf('&', start);
            if (amp < 0) amp = len;
            if (amp > start) {
                String pair = body.substring(start, amp);
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (name.isEmpty()) {
                    throw OAuthException.invalidRequest("Malformed form body").detail("empty parameter name");
                }
                map.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = amp + 1;
        }
        return new FormParameters(map);
    }

    static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            checkChars(s);
            return s;
        }
        ByteBuffer bytes = ByteBuffer.allocate(s.length() * 3);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.put((byte) ' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw OAuthException.invalidRequest("Malformed form body").detail("truncated percent-encoding");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw OAuthException.invalidRequest("Malformed form body").detail("invalid percent-encoding");
                }
                bytes.put((byte) ((hi << 4) | lo));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.put(enc);
            }
        }
        bytes.flip();
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer out = dec.decode(bytes);
            String result = out.toString();
            checkChars(result);
            return result;
        } catch (CharacterCodingException e) {
            throw OAuthException.invalidRequest("Malformed form body").detail("invalid UTF-8");
        }
    }

    private static void checkChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw OAuthException.invalidRequest("Malformed form body").detail("control character");
            }
        }
    }

    /** The single value of {@code name}, or null; a repeated parameter is {@code invalid_request} (RFC 6749 §3.2). */
    public String single(String name) {
        List<String> v = read(name);
        if (v == null) return null;
        if (v.size() > 1) {
            throw OAuthException.invalidRequest("Parameter '" + name + "' is repeated");
        }
        return v.get(0);
    }

    /** As {@link #single(String)}, but an empty value counts as absent (RFC 6749 §3.1). */
    public String optional(String name) {
        String v = single(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public String required(String name) {
        String v = optional(name);
        if (v == null) {
            throw OAuthException.invalidRequest("Missing parameter '" + name + "'");
        }
        return v;
    }

    public List<String> all(String name) {
        List<String> v = read(name);
        return v == null ? List.of() : v;
    }

    public boolean has(String name) {
        return read(name) != null;
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** Rejects repeats of every parameter except those named repeatable. */
    public void rejectRepeatsExcept(Set<String> repeatable) {
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (e.getValue().size() > 1 && !repeatable.contains(e.getKey())) {
                throw OAuthException.invalidRequest("Parameter '" + e.getKey() + "' is repeated");
            }
        }
    }

    public Map<String, List<String>> asMap() {
        return values;
    }
}
