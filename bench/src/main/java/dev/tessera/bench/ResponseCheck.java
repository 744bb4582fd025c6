package dev.tessera.bench;

import java.nio.charset.StandardCharsets;

/** Decides whether a complete response counts as a success. */
@FunctionalInterface
interface ResponseCheck {
    boolean ok(int status, byte[] body, int bodyLength);

    /** How many body bytes the check needs to see (0: none). */
    default int captureLimit() {
        return 0;
    }

    ResponseCheck SUCCESS = (status, body, length) -> status >= 200 && status < 300;

    /** 2xx and the (captured) body contains one of the given ASCII needles. */
    static ResponseCheck bodyContains(int captureLimit, String... needles) {
        byte[][] patterns = new byte[needles.length][];
        for (int i = 0; i < needles.length; i++) {
            patterns[i] = needles[i].getBytes(StandardCharsets.US_ASCII);
        }
        return new ResponseCheck() {
            @Override
            public boolean ok(int status, byte[] body, int length) {
                if (status < 200 || status >= 300) {
                    return false;
                }
                for (byte[] p : patterns) {
                    if (indexOf(body, length, p) >= 0) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public int captureLimit() {
                return captureLimit;
            }
        };
    }

    static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
