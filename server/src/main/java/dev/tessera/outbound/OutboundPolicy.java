package dev.tessera.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * Which client-supplied URLs Tessera fetches, and which addresses it connects to: https only, and
 * only to public addresses, so a client cannot make Tessera reach its own network (SSRF).
 * {@code TESSERA_OUTBOUND_ALLOW_PRIVATE} (for in-cluster key servers) also allows loopback, private
 * (RFC 1918), CGNAT and unique-local addresses, and plain http to them; link-local addresses (cloud
 * metadata at 169.254.169.254 among them), unspecified, multicast, broadcast, documentation and
 * reserved addresses stay refused in every case.
 * Spec: RFC 6890 (special-purpose address registries); RFC 4193; RFC 6598; RFC 7591 §2 ({@code jwks_uri}).
 */
public final class OutboundPolicy {
    /** What an address is, for this policy. */
    public enum AddressClass { PUBLIC, PRIVATE, NEVER }

    private final boolean allowPrivate;

    private OutboundPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public static OutboundPolicy publicOnly() {
        return new OutboundPolicy(false);
    }

    public static OutboundPolicy of(boolean allowPrivate) {
        return new OutboundPolicy(allowPrivate);
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * Why {@code uri} may not be fetched as written, or null when it may (its addresses are checked
     * again when it is fetched). Client-safe text.
     */
    public String refusal(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.isOpaque()) return "must be an absolute https URL";
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) return "must use https";
        if (uri.getHost() == null || uri.getHost().isEmpty()) return "must name a host";
        if (uri.getRawUserInfo() != null) return "must not carry user information";
        if (uri.getRawFragment() != null) return "must not carry a fragment";
        String literal = literal(uri.getHost());
        if (literal != null) {
            try {
                if (!permits(InetAddress.getByName(literal))) return "must name a public host";
            } catch (java.net.UnknownHostException e) {
                return "must name a valid host";
            }
        }
        return null;
    }

    /** Whether Tessera may connect to {@code address} at all. */
    public boolean permits(InetAddress address) {
        AddressClass c = classify(address);
        return c == AddressClass.PUBLIC || (allowPrivate && c == AddressClass.PRIVATE);
    }

    /** Plain http goes to private addresses only, and only when they are allowed: never over the internet. */
    public boolean permitsPlainHttp(InetAddress address) {
        return allowPrivate && classify(address) == AddressClass.PRIVATE;
    }

    /** The address literal inside a URI host ({@code [::1]} → {@code ::1}), or null for a name. */
    static String literal(String host) {
        if (host.startsWith("[") && host.endsWith("]")) return host.substring(1, host.length() - 1);
        return host.matches("[0-9.]+") ? host : null;
    }

    public static AddressClass classify(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) return classify4(b, 0);
        if (a instanceof Inet6Address) return classify6(b);
        return AddressClass.NEVER;
    }

    private static AddressClass classify4(byte[] b, int o) {
        int a0 = b[o] & 0xff;
        int a1 = b[o + 1] & 0xff;
        int a2 = b[o + 2] & 0xff;
        if (a0 == 0) return AddressClass.NEVER;                              // 0.0.0.0/8 "this network"
        if (a0 == 127 || a0 == 10) return AddressClass.PRIVATE;              // loopback, RFC 1918
        if (a0 == 172 && (a1 & 0xf0) == 16) return AddressClass.PRIVATE;     // 172.16.0.0/12
        if (a0 == 192 && a1 == 168) return AddressClass.PRIVATE;             // 192.168.0.0/16
        if (a0 == 100 && (a1 & 0xc0) == 64) return AddressClass.PRIVATE;     // 100.64.0.0/10 CGNAT (RFC 6598)
        if (a0 == 169 && a1 == 254) return AddressClass.NEVER;               // link-local, cloud metadata
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) return AddressClass.NEVER;   // IETF protocol, TEST-NET-1
        if (a0 == 198 && (a1 & 0xfe) == 18) return AddressClass.NEVER;       // 198.18.0.0/15 benchmarking
        if (a0 == 198 && a1 == 51 && a2 == 100) return AddressClass.NEVER;   // TEST-NET-2
        if (a0 == 203 && a1 == 0 && a2 == 113) return AddressClass.NEVER;    // TEST-NET-3
        if (a0 >= 224) return AddressClass.NEVER;                            // multicast, reserved, broadcast
        return AddressClass.PUBLIC;
    }

    private static AddressClass classify6(byte[] b) {
        boolean zero10 = true;
        for (int i = 0; i < 10; i++) zero10 &= b[i] == 0;
        if (zero10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return classify4(b, 12);   // ::ffff:a.b.c.d
        if (zero10 && b[10] == 0 && b[11] == 0) {
            boolean loopback = b[15] == 1;
            for (int i = 12; i < 15; i++) loopback &= b[i] == 0;
            return loopback ? AddressClass.PRIVATE : AddressClass.NEVER;     // ::1; ::, ::a.b.c.d (deprecated)
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            boolean wellKnown = true;
            for (int i = 4; i < 12; i++) wellKnown &= b[i] == 0;
            if (wellKnown) return classify4(b, 12);                          // 64:ff9b::/96 NAT64 (RFC 6052)
            if (b[4] == 0 && b[5] == 1) return AddressClass.PRIVATE;         // 64:ff9b:1::/48 local-use NAT64 (RFC 8215)
            return AddressClass.NEVER;                                       // the rest of 64:ff9b::/32 is unassigned
        }
        if (b0 == 0x01 && b1 == 0x00) {
            boolean discard = true;
            for (int i = 2; i < 8; i++) discard &= b[i] == 0;
            if (discard) return AddressClass.NEVER;                          // 100::/64 discard-only (RFC 6666)
        }
        if (b0 == 0x20 && b1 == 0x02) return classify4(b, 2);                // 2002::/16 6to4
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) return AddressClass.NEVER;   // 2001::/32 Teredo
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) return AddressClass.NEVER;  // doc
        if ((b0 & 0xfe) == 0xfc) return AddressClass.PRIVATE;                // fc00::/7 unique local
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) return AddressClass.NEVER;    // fe80::/10 link-local
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) return AddressClass.PRIVATE;  // fec0::/10 site-local (deprecated)
        if (b0 == 0xff) return AddressClass.NEVER;                           // multicast
        return AddressClass.PUBLIC;
    }
}
