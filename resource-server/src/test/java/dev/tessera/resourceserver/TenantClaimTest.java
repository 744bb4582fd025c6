package dev.tessera.resourceserver;

import static dev.tessera.resourceserver.Decisions.allowed;
import static dev.tessera.resourceserver.Decisions.denied;
import static dev.tessera.resourceserver.Fixture.headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Seed 002: "a tenant_id claim … to ensure an immediate forbidden response" across tenants. */
class TenantClaimTest {
    private final Fixture f = new Fixture();
    private final ResourceServer api = f.ordersApi().build();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    @DisplayName("Seed 002: a valid token of tenant globex on an acme route gets 403 at once")
    void otherTenantsToken_403() {
        String globex = f.globexToken().claim("scope", "orders:read orders:write").sign();
        Decision.Deny d = denied(api.authorize("GET", "/api/t/acme/orders", Fixture.bearer(globex)), 403, "insufficient_scope");
        assertThat(d.description()).isEqualTo("The access token belongs to another tenant");
        assertThat(d.challenge()).doesNotContain("scope=\"");
        assertThat(d.detail()).isEqualTo("token of tenant globex, request for acme");
        allowed(api.authorize("GET", "/api/t/globex/orders", Fixture.bearer(globex)));
    }

    @Test
    @DisplayName("Seed 002: the tenant check comes before the scope check (no scope could help)")
    void tenantBeforeScope() {
        String globexNoScope = f.globexToken().without("scope").sign();
        Decision.Deny d = denied(api.authorize("POST", "/api/t/acme/orders", Fixture.bearer(globexNoScope)), 403, "insufficient_scope");
        assertThat(d.description()).isEqualTo("The access token belongs to another tenant");
    }

    @Test
    @DisplayName("Seed 002: a tenant addressed by host name is checked the same way")
    void hostResolver() {
        ResourceServer byHost = ResourceServer.builder()
                .trustTessera(f.jwks.publicUrl(), "acme", "globex").audience(Fixture.AUDIENCE).clock(f.clock)
                .route("GET", "/orders", "orders:read")
                .tenantResolver(TenantResolver.fromHost(Map.of("acme.example", "acme", "globex.example", "globex")::get))
                .build();
        String acme = f.acmeToken().sign();
        allowed(byHost.authorize("GET", "/orders", headers("Host", "acme.example", "Authorization", "Bearer " + acme)));
        denied(byHost.authorize("GET", "/orders", headers("Host", "globex.example", "Authorization", "Bearer " + acme)),
                403, "insufficient_scope");
        // unknown host, or none: the addressed tenant is unknown, so nothing is allowed
        denied(byHost.authorize("GET", "/orders", headers("Host", "evil.example", "Authorization", "Bearer " + acme)),
                403, "insufficient_scope");
        denied(byHost.authorize("GET", "/orders", headers("Authorization", "Bearer " + acme)), 403, "insufficient_scope");
    }

    @Test
    @DisplayName("Seed 002: a {tenant} segment that is no tenant id matches no route")
    void badTenantSegment_noRoute() {
        String acme = f.acmeToken().sign();
        denied(api.authorize("GET", "/api/t/ACME/orders", Fixture.bearer(acme)), 403, "insufficient_scope");
        denied(api.authorize("GET", "/api/t/-acme/orders", Fixture.bearer(acme)), 403, "insufficient_scope");
    }

    @Test
    @DisplayName("Seed 002: with the default (path) resolver every route must name {tenant}")
    void pathResolverNeedsTenantSegment() {
        assertThatThrownBy(() -> f.ordersApi().route("GET", "/api/health").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{tenant}");
    }
}
