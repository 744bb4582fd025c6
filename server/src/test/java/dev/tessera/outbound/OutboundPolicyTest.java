package dev.tessera.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.outbound.OutboundPolicy.AddressClass;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6890: the address classes the outbound policy refuses, allows only in-cluster, or allows. */
class OutboundPolicyTest {
    private static final OutboundPolicy PUBLIC_ONLY = OutboundPolicy.publicOnly();
    private static final OutboundPolicy IN_CLUSTER = OutboundPolicy.of(true);

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "100.64.0.1", "100.127.255.255", "::1", "fc00::1", "fd12:3456::1", "fec0::1",
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1", "64:ff9b:1::a00:1", "64:ff9b:1:ffff::808:808"})
    @DisplayName("RFC 6890: loopback, private, CGNAT and unique-local addresses are private: refused unless allowed")
    void privateAddresses(String literal) throws Exception {
        assertThat(OutboundPolicy.classify(ip(literal))).isEqualTo(AddressClass.PRIVATE);
        assertThat(PUBLIC_ONLY.permits(ip(literal))).isFalse();
        assertThat(IN_CLUSTER.permits(ip(literal))).isTrue();
        assertThat(IN_CLUSTER.permitsPlainHttp(ip(literal))).isTrue();
        assertThat(PUBLIC_ONLY.permitsPlainHttp(ip(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "169.254.169.254", "169.254.0.1", "224.0.0.1", "239.1.1.1", "240.0.0.1",
            "255.255.255.255", "192.0.0.8", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "::", "fe80::1",
            "ff02::1", "::ffff:169.254.169.254", "::ffff:0.0.0.0", "::a00:1", "2001:db8::1", "2001:0:4136:e378::1",
            "64:ff9b::a9fe:a9fe", "100::1", "100::ffff:1", "64:ff9b:2::808:808"})
    @DisplayName("RFC 6890: link-local (cloud metadata), unspecified, multicast, reserved and documentation addresses: always refused")
    void neverAddresses(String literal) throws Exception {
        assertThat(OutboundPolicy.classify(ip(literal))).isEqualTo(AddressClass.NEVER);
        assertThat(PUBLIC_ONLY.permits(ip(literal))).isFalse();
        assertThat(IN_CLUSTER.permits(ip(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
            "192.169.0.1", "11.0.0.1", "2606:4700::1111", "2a00:1450:4001::1", "::ffff:8.8.8.8", "2002:808:808::1"})
    @DisplayName("RFC 6890: other unicast addresses are public; plain http to them is never allowed")
    void publicAddresses(String literal) throws Exception {
        assertThat(OutboundPolicy.classify(ip(literal))).isEqualTo(AddressClass.PUBLIC);
        assertThat(PUBLIC_ONLY.permits(ip(literal))).isTrue();
        assertThat(IN_CLUSTER.permitsPlainHttp(ip(literal))).isFalse();
    }

    @Test
    @DisplayName("RFC 7591 §2: a fetched URL is https, names a host, carries no userinfo or fragment; literals must be public")
    void urls() {
        assertThat(PUBLIC_ONLY.refusal(URI.create("https://keys.example.com/jwks"))).isNull();
        assertThat(PUBLIC_ONLY.refusal(URI.create("https://8.8.8.8/jwks"))).isNull();
        assertThat(PUBLIC_ONLY.refusal(URI.create("http://keys.example.com/jwks"))).isEqualTo("must use https");
        assertThat(PUBLIC_ONLY.refusal(URI.create("ftp://keys.example.com/jwks"))).isEqualTo("must use https");
        assertThat(PUBLIC_ONLY.refusal(URI.create("https://127.0.0.1/jwks"))).isEqualTo("must name a public host");
        assertThat(PUBLIC_ONLY.refusal(URI.create("https://[::1]/jwks"))).isEqualTo("must name a public host");
        assertThat(PUBLIC_ONLY.refusal(URI.create("https://[::ffff:10.0.0.1]/jwks"))).isEqualTo("must name a public host");
        assertThat(PUBLIC_ONLY.refusal(URI.create("https://10.0.0.1/jwks"))).isEqualTo("must name a public host");
        assertThat(PUBLIC_ONLY.refusal(URI.create("https://user:pw@keys.example.com/jwks"))).isEqualTo("must not carry user information");
        assertThat(PUBLIC_ONLY.refusal(URI.create("https://keys.example.com/jwks#x"))).isEqualTo("must not carry a fragment");
        assertThat(PUBLIC_ONLY.refusal(URI.create("/jwks"))).isEqualTo("must be an absolute https URL");
        assertThat(PUBLIC_ONLY.refusal(URI.create("https:///jwks"))).isEqualTo("must name a host");
        assertThat(IN_CLUSTER.refusal(URI.create("http://10.0.0.1/jwks"))).isNull();
        assertThat(IN_CLUSTER.refusal(URI.create("https://[::1]:8443/jwks"))).isNull();
        assertThat(IN_CLUSTER.refusal(URI.create("http://169.254.169.254/latest/meta-data/"))).isEqualTo("must name a public host");
    }
}
