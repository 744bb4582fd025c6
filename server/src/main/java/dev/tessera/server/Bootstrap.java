package dev.tessera.server;

import dev.tessera.admin.AdminAuthorizer;
import dev.tessera.admin.TenantAdministration;
import dev.tessera.client.ClientRegistration;
import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.token.RandomValues;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Start-up state: tenant {@code system} with the bootstrap admin client (CONTRACT §1–2), and in dev
 * mode the {@code demo} tenant with a client-credentials client (CONTRACT §1.2).
 */
final class Bootstrap {
    static final TenantId DEMO = new TenantId("demo");
    static final String DEMO_SERVICE_CLIENT = "demo-service";

    /** What start-up created; secrets appear here only when generated now, to be printed once. */
    record Result(String adminClientId, String generatedAdminSecret, boolean dev, String demoServiceSecret,
                  IssuerUrls issuers) {
        void print(PrintStream out, int port) {
            if (out == null) return;
            StringBuilder b = new StringBuilder();
            b.append("\nTessera is listening on ").append(issuers.publicUrl()).append(" (port ").append(port).append(")\n");
            if (generatedAdminSecret != null) {
                b.append("Bootstrap admin client of tenant 'system' (printed once, store it now):\n")
                        .append("  TESSERA_ADMIN_CLIENT_ID=").append(adminClientId).append('\n')
                        .append("  TESSERA_ADMIN_CLIENT_SECRET=").append(generatedAdminSecret).append('\n');
            }
            if (dev) {
                String issuer = issuers.issuer(DEMO);
                b.append("Dev mode: tenant 'demo'\n")
                        .append("  Discovery: ").append(issuer).append("/.well-known/openid-configuration\n")
                        .append("  Client credentials client: ").append(DEMO_SERVICE_CLIENT).append(" / ")
                        .append(demoServiceSecret).append(" (secret renewed at every dev start)\n")
                        .append("  Get a token:\n")
                        .append("    curl -s -u '").append(DEMO_SERVICE_CLIENT).append(':').append(demoServiceSecret)
                        .append("' -d grant_type=client_credentials -d 'scope=read write' ").append(issuer).append("/token\n");
            }
            out.println(b);
            out.flush();
        }
    }

    private final TenantAdministration tenants;
    private final ClientRegistration clients;
    private final IssuerUrls issuers;

    Bootstrap(TenantAdministration tenants, ClientRegistration clients, IssuerUrls issuers) {
        this.tenants = tenants;
        this.clients = clients;
        this.issuers = issuers;
    }

    Result run(Config config) {
        if (tenants.find(TenantId.SYSTEM).isEmpty()) {
            tenants.put(TenantId.SYSTEM, TenantSettings.defaults("System"));
        }
        ClientId adminId = new ClientId(config.adminClientId());
        String secret = config.adminClientSecret();
        String generated = null;
        if (secret == null && clients.find(TenantId.SYSTEM, adminId).isEmpty()) {
            generated = RandomValues.token(32);
            secret = generated;
        }
        if (secret != null) {
            clients.upsert(TenantId.SYSTEM, adminId, secret, serviceClient(AdminAuthorizer.ADMIN_SCOPE, "Tessera bootstrap admin"));
        }
        String demoSecret = null;
        if (config.dev()) {
            if (tenants.find(DEMO).isEmpty()) {
                tenants.put(DEMO, TenantSettings.defaults("Demo"));
            }
            demoSecret = RandomValues.token(32);
            clients.upsert(DEMO, new ClientId(DEMO_SERVICE_CLIENT), demoSecret, serviceClient("read write", "Demo service"));
        }
        return new Result(adminId.value(), generated, config.dev(), demoSecret, issuers);
    }

    private static Map<String, Object> serviceClient(String scope, String name) {
        return Map.of("grant_types", List.of("client_credentials"), "token_endpoint_auth_method", "client_secret_basic",
                "scope", scope, "client_name", name);
    }
}
