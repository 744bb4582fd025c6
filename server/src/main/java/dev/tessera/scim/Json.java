package dev.tessera.scim;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONStyle;
import net.minidev.json.JSONValue;
import net.minidev.json.parser.JSONParser;
import net.minidev.json.parser.ParseException;

/** JSON of SCIM messages: bounded parsing (400 invalidSyntax), deep copies and pruning of unassigned values. */
public final class Json {
    public static final int MAX_DEPTH = 32;

    private Json() {}

    /** Parses a JSON object; nesting is bounded before parsing so that no input can exhaust the stack. */
    public static Map<String, Object> parseObject(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) throw syntax("The JSON nests deeper than " + MAX_DEPTH + " levels");
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        Object parsed;
        try {
            parsed = new JSONParser(JSONParser.MODE_RFC4627).parse(text);
        } catch (ParseException | RuntimeException e) {
            throw syntax("The request body is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?>)) throw syntax("The request body must be a JSON object");
        return copyObject((Map<?, ?>) parsed);
    }

    public static String write(Object value) {
        return JSONValue.toJSONString(value, JSONStyle.LT_COMPRESS);
    }

    /** A deep, mutable copy (LinkedHashMap / ArrayList). */
    public static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) return copyObject(m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(copy(o));
            return out;
        }
        return v;
    }

    public static Map<String, Object> copyObject(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), copy(e.getValue()));
        return out;
    }

    /** Removes nulls, empty objects and empty arrays: RFC 7643 §2.5 treats them as unassigned. */
    @SuppressWarnings("unchecked")
    public static void prune(Map<String, Object> m) {
        for (Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator(); it.hasNext(); ) {
            Object v = it.next().getValue();
            if (v instanceof Map<?, ?> child) prune((Map<String, Object>) child);
            if (v instanceof List<?> list) pruneList((List<Object>) list);
            if (isUnassigned(v)) it.remove();
        }
    }

    @SuppressWarnings("unchecked")
    private static void pruneList(List<Object> list) {
        for (Iterator<Object> it = list.iterator(); it.hasNext(); ) {
            Object v = it.next();
            if (v instanceof Map<?, ?> child) prune((Map<String, Object>) child);
            if (isUnassigned(v)) it.remove();
        }
    }

    private static boolean isUnassigned(Object v) {
        return v == null || (v instanceof Map<?, ?> m && m.isEmpty()) || (v instanceof List<?> l && l.isEmpty());
    }

    static OAuthException syntax(String detail) {
        return new OAuthException(ErrorCode.SCIM_INVALID_SYNTAX, detail);
    }
}
