package dev.tessera.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One hop of {@code X-Forwarded-For}: an IP literal, optionally with a port ({@code 1.2.3.4:80}, {@code [::1]:80}). */
final class ForwardedAddress {
    private ForwardedAddress() {}

    /** The address, or null when the hop is not an IP literal (never a name lookup). */
    static InetAddress parse(String hop) {
        String s = hop.trim();
        if (s.isEmpty() || s.length() > 64) return null;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) return null;
            s = s.substring(1, end);
        } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') > 0) {
            s = s.substring(0, s.indexOf(':'));                   // IPv4 with a port
        }
        boolean v6 = s.indexOf(':') >= 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = v6 ? Character.digit(c, 16) >= 0 || c == ':' || c == '.' : (c >= '0' && c <= '9') || c == '.';
            if (!ok) return null;
        }
        if (!v6 && s.chars().filter(c -> c == '.').count() != 3) return null;
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
