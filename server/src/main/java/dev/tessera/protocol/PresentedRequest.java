package dev.tessera.protocol;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A request to a client-authenticated endpoint (token, introspection, revocation, later PAR) as it
 * was presented, without HTTP types: the method and the URI it was sent to (scheme, authority and
 * path as received: DPoP {@code htm} and {@code htu}), the {@code Authorization} header, every {@code DPoP} header, the TLS client
 * certificate (direct or from a trusted proxy) and the form body. Parsed once, read by every stage.
 * Spec: RFC 6749 §2.3, §3.2; RFC 9449 §4; RFC 8705 §2.
 */
public record PresentedRequest(String method, String uri, String authorization, List<String> dpop,
                               X509Certificate clientCertificate, FormParameters form) {
    public PresentedRequest {
        dpop = List.copyOf(dpop);
    }

    /** A request made inside the server (the token handler's agent): a form and nothing else. */
    public static PresentedRequest internal(FormParameters form) {
        return new PresentedRequest("POST", null, null, List.of(), null, form);
    }
}
