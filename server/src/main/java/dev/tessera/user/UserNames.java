package dev.tessera.user;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The comparison key of a userName: two names with the same key are the same account, so that
 * {@code ｄｅｍｏ}, {@code DEMO} and {@code demo} cannot be three users, and each signs in as the
 * other. The key is RFC 8265's UsernameCaseMapped profile: width mapping (fullwidth and halfwidth
 * forms to their ordinary characters), case mapping (lower case), NFC. The displayed userName stays
 * as given; only the key is compared.
 * <p>What Tessera accepts as a new userName ({@link #violation}), RFC 8265 §3.1–§3.4 as applied here:
 * one or more userparts separated by single spaces (so no leading, trailing or double spaces); each
 * code point, after the mapping, is printable ASCII or a letter, mark or digit (the IdentifierClass
 * of RFC 8264 §4.2 in outline: controls, format and invisible characters, other spaces, symbols and
 * punctuation outside ASCII, unassigned, private-use code points and characters with a compatibility
 * decomposition (ligatures, circled digits …) are refused). The bidi rule (RFC 5893) is not applied.
 * Spec: RFC 8265 §3.3 and §3.4; RFC 8264 §9.
 */
public final class UserNames {
    /** Longest key (and userName), in characters; the key column is this wide. */
    public static final int MAX_LENGTH = 256;

    private UserNames() {}

    /**
     * The key of {@code userName}: width-mapped, lower-cased, NFC. Defined for any string, so a typed
     * sign-in name or a filter value can be looked up; whether it may be a userName is {@link #violation}.
     */
    public static String key(String userName) {
        StringBuilder mapped = new StringBuilder(userName.length());
        userName.codePoints().forEach(cp -> {
            if (isWidthVariant(cp)) mapped.append(Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC));
            else mapped.appendCodePoint(cp);
        });
        return Normalizer.normalize(mapped.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    /** Why {@code userName} may not be a new userName (client-safe), or null if it may. */
    public static String violation(String userName) {
        if (userName.isEmpty()) return "must not be empty";
        if (userName.length() > MAX_LENGTH) return "must have at most " + MAX_LENGTH + " characters";
        String key = key(userName);
        if (key.isEmpty()) return "must not be empty";
        if (key.length() > MAX_LENGTH || userName.toLowerCase(Locale.ROOT).length() > MAX_LENGTH) {
            return "must have at most " + MAX_LENGTH + " characters";                // also once mapped (İ → i̇)
        }
        if (key.charAt(0) == ' ' || key.charAt(key.length() - 1) == ' ') return "must not begin or end with a space";
        if (key.contains("  ")) return "must not contain consecutive spaces";
        int[] cps = key.codePoints().toArray();
        for (int cp : cps) {
            if (cp == ' ') continue;
            if (!allowed(cp)) return "contains a character that is not allowed (RFC 8265 §3.3)";
        }
        return null;
    }

    /** Fullwidth and halfwidth forms (U+FF01–U+FFEE) and the ideographic space (RFC 8264 §9.3, width mapping). */
    private static boolean isWidthVariant(int cp) {
        return cp == 0x3000 || (cp >= 0xFF01 && cp <= 0xFFEE);
    }

    private static boolean allowed(int cp) {
        if (cp >= 0x21 && cp <= 0x7E) return true;                          // ASCII7 (RFC 8264 §9.11)
        if (cp < 0x80) return false;                                        // ASCII controls, space handled above
        int type = Character.getType(cp);
        boolean letterDigit = type == Character.LOWERCASE_LETTER || type == Character.UPPERCASE_LETTER
                || type == Character.OTHER_LETTER || type == Character.MODIFIER_LETTER || type == Character.TITLECASE_LETTER
                || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;                // LetterDigits (RFC 5892 §2.1)
        if (!letterDigit) return false;
        String s = new String(Character.toChars(cp));
        return Normalizer.normalize(s, Normalizer.Form.NFKC).equals(s);     // HasCompat (RFC 8264 §9.17)
    }
}
