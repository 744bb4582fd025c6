package dev.tessera.tenant;

/** Every issuer derives from the public URL. Spec: CONTRACT §2 ({@code {TESSERA_PUBLIC_URL}/t/T}); RFC 8414 §2. */
public final class IssuerUrls {
    private final String publicUrl;

    public IssuerUrls(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String publicUrl() { return publicUrl; }

    public String issuer(TenantId tenant) { return publicUrl + "/t/" + tenant.value(); }

    public String endpoint(TenantId tenant, String path) { return issuer(tenant) + path; }
}
