package dev.tessera.user;

import java.util.Locale;

/** Password rules: at least 8 characters, at most 256, not equal to the user name. Returns a reason or null. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;

    public String violation(String userName, String password) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "The password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "The password must have at most " + MAX_LENGTH + " characters";
        }
        if (userName != null && password.toLowerCase(Locale.ROOT).equals(userName.toLowerCase(Locale.ROOT))) {
            return "The password must not equal the user name";
        }
        return null;
    }
}
