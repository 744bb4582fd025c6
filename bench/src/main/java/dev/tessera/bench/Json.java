package dev.tessera.bench;

/** Just enough JSON to read a top-level string member such as {@code access_token}. */
final class Json {
    private Json() {
    }

    /** The string value of {@code "name": "..."}, or null if absent or not a string. */
    static String string(String json, String name) {
        String quoted = '"' + name + '"';
        int from = 0;
        while (true) {
            int at = json.indexOf(quoted, from);
            if (at < 0) {
                return null;
            }
            int i = skipSpace(json, at + quoted.length());
            if (i < json.length() && json.charAt(i) == ':') {
                i = skipSpace(json, i + 1);
                return i < json.length() && json.charAt(i) == '"' ? readString(json, i + 1) : null;
            }
            from = at + 1; // the name appeared as a value; keep looking
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String readString(String s, int i) {
        StringBuilder out = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        return null;
                    }
                    out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
        return null; // unterminated
    }
}
