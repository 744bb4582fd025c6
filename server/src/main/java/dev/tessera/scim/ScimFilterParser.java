package dev.tessera.scim;

import dev.tessera.protocol.ErrorCode;
import dev.tessera.protocol.OAuthException;
import dev.tessera.scim.ScimFilter.AttributePath;
import dev.tessera.scim.ScimFilter.Op;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses SCIM filter expressions: {@code attrPath op value}, {@code pr}, {@code and}/{@code or}
 * (and binds tighter), {@code not(…)}, parentheses and value paths {@code emails[type eq "work"]}.
 * Keywords, operators and attribute names are case-insensitive; string values are JSON strings.
 * Every failure is a 400 {@code invalidFilter}. Bounded in length, depth and number of terms.
 * Spec: RFC 7644 §3.4.2.2.
 */
public final class ScimFilterParser {
    public static final int MAX_LENGTH = 4096;
    public static final int MAX_DEPTH = 16;
    public static final int MAX_TERMS = 64;
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?([eE][+-]?\\d{1,4})?");

    private final String s;
    private int pos;
    private int depth;
    private int terms;
    private boolean inValuePath;

    private ScimFilterParser(String s) {
        this.s = s;
    }

    /** Parses a whole filter; 400 {@code invalidFilter} if it is not one. */
    public static ScimFilter parse(String filter) {
        if (filter == null || filter.isBlank()) throw invalid("The filter is empty");
        if (filter.length() > MAX_LENGTH) throw invalid("The filter is longer than " + MAX_LENGTH + " characters");
        ScimFilterParser p = new ScimFilterParser(filter);
        ScimFilter f = p.or();
        p.skipSpace();
        if (p.pos < filter.length()) throw p.unexpected();
        return f;
    }

    /** Parses a value filter (the part between brackets of a PATCH path). */
    static ScimFilter parseValueFilter(String filter) {
        ScimFilterParser p = new ScimFilterParser(filter);
        p.inValuePath = true;
        ScimFilter f = p.or();
        p.skipSpace();
        if (p.pos < filter.length()) throw p.unexpected();
        return f;
    }

    private ScimFilter or() {
        ScimFilter left = and();
        while (keyword("or")) {
            left = new ScimFilter.Or(left, and());
        }
        return left;
    }

    private ScimFilter and() {
        ScimFilter left = unary();
        while (keyword("and")) {
            left = new ScimFilter.And(left, unary());
        }
        return left;
    }

    private ScimFilter unary() {
        skipSpace();
        if (keyword("not")) {
            skipSpace();
            if (!consume('(')) throw invalid("'not' must be followed by a parenthesised filter");
            return new ScimFilter.Not(group());
        }
        if (consume('(')) return group();
        return attributeExpression();
    }

    /** The rest of a parenthesised filter, after its opening parenthesis. */
    private ScimFilter group() {
        if (++depth > MAX_DEPTH) throw invalid("The filter nests deeper than " + MAX_DEPTH + " levels");
        ScimFilter inner = or();
        skipSpace();
        if (!consume(')')) throw pos < s.length() ? unexpected() : invalid("A closing parenthesis is missing");
        depth--;
        return inner;
    }

    private ScimFilter attributeExpression() {
        int start = pos;
        String word = word();
        if (word.isEmpty()) throw pos < s.length() ? unexpected() : invalid("The filter ends where an attribute was expected");
        AttributePath path = AttributePath.parse(word);
        if (path == null) throw invalid("Invalid attribute path '" + clip(word) + "' at position " + (start + 1));
        if (consume('[')) {
            if (inValuePath) throw invalid("Value filters cannot nest");
            inValuePath = true;
            ScimFilter inner = or();
            inValuePath = false;
            skipSpace();
            if (!consume(']')) throw invalid("A closing bracket is missing");
            return new ScimFilter.ValuePath(path, inner);
        }
        if (!skipSpace()) throw invalid("An operator must follow '" + clip(word) + "'");
        int opAt = pos;
        String opWord = word();
        Op op;
        try {
            op = Op.valueOf(opWord.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(opWord.isEmpty() ? "An operator is missing at position " + (opAt + 1)
                    : "Unknown operator '" + clip(opWord) + "' at position " + (opAt + 1));
        }
        if (++terms > MAX_TERMS) throw invalid("The filter has more than " + MAX_TERMS + " comparisons");
        if (op == Op.PR) return new ScimFilter.Compare(path, op, null);
        if (!skipSpace()) throw invalid("A value must follow operator '" + opWord + "'");
        return new ScimFilter.Compare(path, op, value());
    }

    private Object value() {
        if (pos < s.length() && s.charAt(pos) == '"') return string();
        int at = pos;
        String w = word();
        switch (w.toLowerCase(Locale.ROOT)) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            case "null": return null;
            default:
                if (NUMBER.matcher(w).matches()) return new BigDecimal(w);
                throw invalid(w.isEmpty() ? "A value is missing at position " + (at + 1)
                        : "Invalid value '" + clip(w) + "' at position " + (at + 1) + " (strings need double quotes)");
        }
    }

    /** A JSON string literal (RFC 8259 §7) starting at the current quote. */
    private String string() {
        int start = pos++;
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= s.length()) break;
            char e = s.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) throw invalid("Invalid \\u escape at position " + pos);
                    try {
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw invalid("Invalid \\u escape at position " + pos);
                    }
                    pos += 4;
                }
                default -> throw invalid("Invalid escape '\\" + e + "' at position " + (pos - 1));
            }
        }
        throw invalid("The string starting at position " + (start + 1) + " is not terminated");
    }

    /** A run of characters up to whitespace, a parenthesis, a bracket or a quote. */
    private String word() {
        int start = pos;
        while (pos < s.length() && !isSpace(s.charAt(pos)) && "()[]\"".indexOf(s.charAt(pos)) < 0) pos++;
        return s.substring(start, pos);
    }

    /** Consumes the keyword if it comes next as a whole word (after optional space). */
    private boolean keyword(String k) {
        int save = pos;
        skipSpace();
        int end = pos + k.length();
        if (end <= s.length() && s.regionMatches(true, pos, k, 0, k.length())
                && (end == s.length() || isSpace(s.charAt(end)) || s.charAt(end) == '(')) {
            pos = end;
            return true;
        }
        pos = save;
        return false;
    }

    private boolean consume(char c) {
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean skipSpace() {
        int start = pos;
        while (pos < s.length() && isSpace(s.charAt(pos))) pos++;
        return pos > start;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private OAuthException unexpected() {
        int end = Math.min(s.length(), pos + 20);
        return invalid("Unexpected '" + s.substring(pos, end) + "' at position " + (pos + 1));
    }

    private static String clip(String v) {
        return v.length() > 64 ? v.substring(0, 64) + "…" : v;
    }

    static OAuthException invalid(String detail) {
        return new OAuthException(ErrorCode.SCIM_INVALID_FILTER, "Invalid filter: " + detail);
    }
}
