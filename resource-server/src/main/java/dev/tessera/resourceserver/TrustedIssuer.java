package dev.tessera.resourceserver;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An issuer whose access tokens an API accepts: its {@code iss} value, the tenant its tokens must name
 * in {@code tenant_id}, and where its signing keys are published.
 * Spec: RFC 9068 §4 (the issuer is known in advance); CONTRACT §2 (issuer {@code {publicUrl}/t/{tenant}}).
 */
public record TrustedIssuer(String issuer, String tenant, URI jwksUri) {
    /** Tessera tenant ids (CONTRACT §2). */
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(jwksUri, "jwksUri");
        if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
            throw new IllegalArgumentException("issuer must be an http(s) URL: " + issuer);
        }
        if (!TENANT_ID.matcher(tenant).matches()) throw new IllegalArgumentException("not a tenant id: " + tenant);
        if (!jwksUri.isAbsolute()) throw new IllegalArgumentException("jwksUri must be absolute: " + jwksUri);
    }

    /** Tenant {@code tenant} of the Tessera reachable at {@code publicUrl}: keys at {@code {issuer}/jwks}. */
    public static TrustedIssuer tessera(String publicUrl, String tenant) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        String issuer = base + "/t/" + tenant;
        return new TrustedIssuer(issuer, tenant, URI.create(issuer + "/jwks"));
    }
}
