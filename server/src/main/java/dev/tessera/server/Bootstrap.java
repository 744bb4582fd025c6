package dev.tessera.server;

import dev.tessera.admin.AdminAuthorizer;
import dev.tessera.admin.TenantAdministration;
import dev.tessera.client.ClientRegistration;
import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.IssuerUrls;
import dev.tessera.tenant.TenantId;
import dev.tessera.tenant.TenantSettings;
import dev.tessera.keys.RandomValues;
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
    static final String DEMO_SPA_CLIENT = "demo-spa";
    static final String DEMO_WEB_CLIENT = "demo-web";
    static final String DEMO_USER = "demo";

    /** What start-up created; secrets appear here only when generated now, to be printed once. */
    record Result(String adminClientId, String generatedAdminSecret, boolean dev, String demoServiceSecret,
                  String demoUserPassword, String demoWebSecret, IssuerUrls issuers) {
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
                        .append("' -d grant_type=client_credentials -d 'scope=read write' ").append(issuer).append("/token\n")
                        .append("  User: ").append(DEMO_USER).append(" / ").append(demoUserPassword)
                        .append(" (password renewed at every dev start)\n")
                        .append("  Public client (authorization code + PKCE): ").append(DEMO_SPA_CLIENT)
                        .append(", redirect URI ").append(issuer).append("/callback-demo\n")
                        .append("  Sign in: ").append(issuer).append("/authorize?response_type=code&client_id=").append(DEMO_SPA_CLIENT)
                        .append("&redirect_uri=").append(java.net.URLEncoder.encode(issuer + "/callback-demo", java.nio.charset.StandardCharsets.UTF_8))
                        .append("&scope=openid%20profile&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256\n")
                        .append("    then: curl -s -d grant_type=authorization_code -d client_id=").append(DEMO_SPA_CLIENT)
                        .append(" -d code=<code> -d redirect_uri=").append(issuer).append("/callback-demo")
                        .append(" -d code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk ").append(issuer).append("/token\n")
                        .append("  Confidential web client (authorization code + PKCE): ").append(DEMO_WEB_CLIENT).append(" / ")
                        .append(demoWebSecret).append(" (same redirect URI; authenticate with HTTP Basic at the token endpoint)\n");
            }
            out.println(b);
            out.flush();
        }
    }

    private final TenantAdministration tenants;
    private final ClientRegistration clients;
    private final dev.tessera.user.UserRepository users;
    private final dev.tessera.user.PasswordHasher passwords;
    private final IssuerUrls issuers;

    Bootstrap(TenantAdministration tenants, ClientRegistration clients, dev.tessera.user.UserRepository users,
              dev.tessera.user.PasswordHasher passwords, IssuerUrls issuers) {
        this.tenants = tenants;
        this.clients = clients;
        this.users = users;
        this.passwords = passwords;
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
        String demoPassword = null;
        String demoWebSecret = null;
        if (config.dev()) {
            if (tenants.find(DEMO).isEmpty()) {
                tenants.put(DEMO, TenantSettings.defaults("Demo"));
            }
            demoSecret = RandomValues.token(32);
            clients.upsert(DEMO, new ClientId(DEMO_SERVICE_CLIENT), demoSecret, serviceClient("read write", "Demo service"));
            clients.upsert(DEMO, new ClientId(DEMO_SPA_CLIENT), null, Map.of(
                    "grant_types", List.of("authorization_code", "refresh_token"), "token_endpoint_auth_method", "none",
                    "redirect_uris", List.of(issuers.issuer(DEMO) + "/callback-demo"),
                    "post_logout_redirect_uris", List.of(issuers.issuer(DEMO) + "/callback-demo"),
                    "scope", "openid profile email offline_access read", "client_name", "Demo SPA"));
            demoWebSecret = RandomValues.token(32);
            clients.upsert(DEMO, new ClientId(DEMO_WEB_CLIENT), demoWebSecret, Map.of(
                    "grant_types", List.of("authorization_code", "refresh_token"), "token_endpoint_auth_method", "client_secret_basic",
                    "redirect_uris", List.of(issuers.issuer(DEMO) + "/callback-demo"),
                    "post_logout_redirect_uris", List.of(issuers.issuer(DEMO) + "/callback-demo"),
                    "scope", "openid profile email offline_access read", "client_name", "Demo web app",
                    "consent_required", true));
            demoPassword = RandomValues.token(12);
            upsertDemoUser(demoPassword);
        }
        return new Result(adminId.value(), generated, config.dev(), demoSecret, demoPassword, demoWebSecret, issuers);
    }

    private void upsertDemoUser(String password) {
        var now = java.time.Instant.now();
        var existing = users.findByUserName(DEMO, DEMO_USER);
        Map<String, Object> resource = Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", DEMO_USER, "name", Map.of("givenName", "Demo", "familyName", "User", "formatted", "Demo User"),
                "emails", List.of(Map.of("value", "demo@example.com", "primary", true)), "active", true);
        String hash = passwords.hash(password);
        if (existing.isPresent()) {
            var u = existing.get();
            users.replace(DEMO, new dev.tessera.user.User(u.id(), u.userName(), u.externalId(), true, hash, u.resource(),
                    u.version() + 1, u.createdAt(), now), u.version());
        } else {
            users.insert(DEMO, new dev.tessera.user.User(new dev.tessera.user.UserId(java.util.UUID.randomUUID().toString()),
                    DEMO_USER, null, true, hash, resource, 1, now, now));
        }
    }

    private static Map<String, Object> serviceClient(String scope, String name) {
        return Map.of("grant_types", List.of("client_credentials"), "token_endpoint_auth_method", "client_secret_basic",
                "scope", scope, "client_name", name);
    }
}
