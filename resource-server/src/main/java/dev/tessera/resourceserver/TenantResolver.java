package dev.tessera.resourceserver;

import java.util.function.Function;

/**
 * Says which tenant a request addresses, so a token of another tenant is refused at once (403) before
 * any business logic runs. Spec: seed 002 ("a tenant_id claim … an immediate forbidden response").
 */
@FunctionalInterface
public interface TenantResolver {
    /** The {@code {tenant}} segment of the matched route (the default). */
    TenantResolver PATH = (pathTenant, header) -> pathTenant;

    /**
     * The tenant the request addresses, or null when it cannot tell (the request is then refused).
     *
     * @param pathTenant the {@code {tenant}} segment of the matched route, or null if its template has none
     * @param header     the request's header fields by name (case-insensitive), null when absent
     */
    String tenant(String pathTenant, Function<String, String> header);

    /** The tenant named by the {@code Host} header, for APIs with one host name per tenant. */
    static TenantResolver fromHost(Function<String, String> hostToTenant) {
        return (pathTenant, header) -> {
            String host = header.apply("Host");
            return host == null ? null : hostToTenant.apply(host);
        };
    }
}
