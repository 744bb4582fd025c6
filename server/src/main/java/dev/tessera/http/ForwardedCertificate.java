package dev.tessera.http;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The client certificate a TLS-terminating proxy forwards: URL-encoded PEM, as NGINX's
 * {@code $ssl_client_escaped_cert}. Spec: CONTRACT §8.2.
 */
final class ForwardedCertificate {
    /** A PEM certificate with a long chain of extensions stays well under this. */
    private static final int MAX_LENGTH = 16 * 1024;

    private ForwardedCertificate() {}

    /** The certificate, or null when the header is absent, empty or not one PEM certificate. */
    static X509Certificate parse(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_LENGTH) return null;
        try {
            String pem = URLDecoder.decode(header.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (!pem.contains("-----BEGIN CERTIFICATE-----")) return null;
            var factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }
}
