package dev.tessera.gateway;

/**
 * The original request a gateway asks forward-auth about: its method and what it carried. Gateways
 * forward the original request's headers (NGINX {@code auth_request}, Envoy {@code ext_authz},
 * Traefik {@code forwardAuth}), so headers and cookies are read from the forward-auth call itself.
 * Spec: CONTRACT §6.1, §6.2.
 */
public interface ForwardedRequest {
    /** The original request's method, upper case ({@code X-Forwarded-Method}, {@code X-Original-Method} or the call's). */
    String method();

    /** A header of the call, or null. */
    String header(String name);

    /** A cookie of the call, or null. */
    String cookie(String name);
}
