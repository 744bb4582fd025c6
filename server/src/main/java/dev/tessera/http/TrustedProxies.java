package dev.tessera.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers whose forwarding headers ({@code X-Forwarded-For}, the client-certificate header) are
 * believed: {@code TESSERA_TRUSTED_PROXIES}, comma-separated CIDRs or addresses, default none.
 * Spec: CONTRACT §8.2.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = bits / 8;
            for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = 0xFF << (8 - rest);
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses {@code 10.0.0.0/8, 192.168.1.7, fd00::/8}; a malformed entry fails start-up with its text. */
    public static TrustedProxies parse(String spec) {
        if (spec == null || spec.isBlank()) return NONE;
        List<Range> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) continue;
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            if (!literal(host)) throw new IllegalArgumentException("TESSERA_TRUSTED_PROXIES: not an IP address or CIDR: " + entry);
            byte[] network;
            try {
                network = InetAddress.getByName(host).getAddress();     // a literal: no name lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("TESSERA_TRUSTED_PROXIES: not an IP address or CIDR: " + entry);
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("TESSERA_TRUSTED_PROXIES: bad prefix length in " + entry);
                }
            }
            out.add(new Range(network, bits));
        }
        return new TrustedProxies(out);
    }

    /** Only IP literals: a host name here would make every request's trust depend on DNS. */
    private static boolean literal(String host) {
        if (host.isEmpty()) return false;
        if (host.indexOf(':') >= 0) return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        return host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(InetAddress peer) {
        if (peer == null || ranges.isEmpty()) return false;
        byte[] a = peer.getAddress();
        for (Range r : ranges) if (r.contains(a)) return true;
        return false;
    }
}
