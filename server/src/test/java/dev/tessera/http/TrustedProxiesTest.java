package dev.tessera.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TESSERA_TRUSTED_PROXIES and the hops of X-Forwarded-For. Spec: CONTRACT §8.2; RFC 7239 §5.2. */
class TrustedProxiesTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    @DisplayName("CONTRACT §8.2: CIDRs and single addresses, IPv4 and IPv6")
    void ranges() throws Exception {
        TrustedProxies p = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, fd00::/8, 172.16.0.0/12");
        assertThat(p.trusts(ip("10.200.3.4"))).isTrue();
        assertThat(p.trusts(ip("11.0.0.1"))).isFalse();
        assertThat(p.trusts(ip("192.168.1.7"))).isTrue();
        assertThat(p.trusts(ip("192.168.1.8"))).isFalse();
        assertThat(p.trusts(ip("fd12::1"))).isTrue();
        assertThat(p.trusts(ip("fe80::1"))).isFalse();
        assertThat(p.trusts(ip("172.31.255.255"))).isTrue();
        assertThat(p.trusts(ip("172.32.0.0"))).isFalse();
        assertThat(TrustedProxies.parse(null).trusts(ip("127.0.0.1"))).isFalse();
        assertThat(TrustedProxies.parse("  ").isEmpty()).isTrue();
    }

    @Test
    @DisplayName("CONTRACT §8.2: a name, a bad prefix or garbage fails at start, never a DNS lookup")
    void malformed_failsAtStart() {
        for (String bad : new String[] {"proxy.example", "10.0.0.0/33", "10.0.0.0/x", "::/129", "1.2.3.4/-1", "/8"}) {
            assertThatThrownBy(() -> TrustedProxies.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("RFC 7239 §5.2: forwarded hops are IP literals, with or without a port; anything else is no address")
    void forwardedHops() throws Exception {
        assertThat(ForwardedAddress.parse(" 203.0.113.5 ")).isEqualTo(ip("203.0.113.5"));
        assertThat(ForwardedAddress.parse("203.0.113.5:4711")).isEqualTo(ip("203.0.113.5"));
        assertThat(ForwardedAddress.parse("[2001:db8::1]:80")).isEqualTo(ip("2001:db8::1"));
        assertThat(ForwardedAddress.parse("2001:db8::1")).isEqualTo(ip("2001:db8::1"));
        for (String bad : new String[] {"unknown", "host.example", "1.2.3", "", "_hidden", "[::1", "1.2.3.4.5"}) {
            assertThat(ForwardedAddress.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    @DisplayName("CONTRACT §8.2: a forwarded certificate is one URL-encoded PEM certificate, else none")
    void forwardedCertificates() {
        assertThat(ForwardedCertificate.parse(null)).isNull();
        assertThat(ForwardedCertificate.parse("")).isNull();
        assertThat(ForwardedCertificate.parse("not a certificate")).isNull();
        assertThat(ForwardedCertificate.parse("-----BEGIN%20CERTIFICATE-----%0AAAAA%0A-----END%20CERTIFICATE-----")).isNull();
        assertThat(ForwardedCertificate.parse("%".repeat(20_000))).isNull();
    }
}
