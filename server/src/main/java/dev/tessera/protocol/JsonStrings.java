package dev.tessera.protocol;

/**
 * JSON string literals for Tessera's own high-volume records (log lines, stored audit segments),
 * written straight into a StringBuilder: json-smart's writer cost a tenth of the CPU of a token
 * request there. Protocol messages still go through Nimbus. Spec: RFC 8259 §7.
 */
public final class JsonStrings {
    private JsonStrings() {}

    /** Appends {@code s} as a quoted JSON string. */
    public static StringBuilder quoted(StringBuilder b, String s) {
        b.append('"');
        escaped(b, s);
        return b.append('"');
    }

    /**
     * Appends {@code s} escaped: quotation mark, reverse solidus and control characters as RFC 8259
     * requires, and '/', DEL, C1 controls and U+2028/U+2029 too, so a line is safe to embed anywhere.
     */
    public static void escaped(StringBuilder b, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '/' -> b.append("\\/");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                        b.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                                .append(HEX[c & 15]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
