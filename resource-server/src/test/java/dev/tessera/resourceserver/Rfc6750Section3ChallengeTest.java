package dev.tessera.resourceserver;

import static dev.tessera.resourceserver.Decisions.allowed;
import static dev.tessera.resourceserver.Decisions.denied;
import static dev.tessera.resourceserver.Fixture.bearer;
import static dev.tessera.resourceserver.Fixture.headers;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("rfc6750")
class Rfc6750Section3ChallengeTest {
    private final Fixture f = new Fixture();
    private final ResourceServer api = f.ordersApi().realm("orders").build();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a request without a token gets 401 and a challenge without an error code")
    void noToken_challengeWithoutError() {
        Decision.Deny d = denied(api.authorize("GET", "/api/t/acme/orders", headers()), 401, null);
        assertThat(d.challenge()).isEqualTo("Bearer realm=\"orders\"");
        assertThat(d.body()).isEqualTo("{\"error_description\":\"An access token is required\"}");
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Basic YWxpY2U6c2VjcmV0", "DPoP eyJhbGciOiJFUzI1NiJ9.e30.sig", "Negotiate abc", "Bearerx abc", ""})
    @DisplayName("RFC 6750 §3.1: another authentication scheme counts as no token (no error code)")
    void otherScheme_challengeWithoutError(String authorization) {
        Decision.Deny d = denied(api.authorize("GET", "/api/t/acme/orders", headers("Authorization", authorization)), 401, null);
        assertThat(d.challenge()).isEqualTo("Bearer realm=\"orders\"");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: an invalid token gets 401 error=\"invalid_token\"")
    void invalidToken_401() {
        Decision.Deny d = denied(api.authorize("GET", "/api/t/acme/orders", bearer("not-a-jwt")), 401, "invalid_token");
        assertThat(d.challenge()).isEqualTo(
                "Bearer realm=\"orders\", error=\"invalid_token\", error_description=\"The access token is invalid\"");
        assertThat(d.body()).isEqualTo("{\"error\":\"invalid_token\",\"error_description\":\"The access token is invalid\"}");
        assertThat(d.detail()).startsWith("not a signed JWT");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a missing scope gets 403 error=\"insufficient_scope\" naming the scope needed")
    void missingScope_403WithScope() {
        String readOnly = f.acmeToken().claim("scope", "orders:read").sign();
        Decision.Deny d = denied(api.authorize("POST", "/api/t/acme/orders", bearer(readOnly)), 403, "insufficient_scope");
        assertThat(d.challenge()).isEqualTo("Bearer realm=\"orders\", error=\"insufficient_scope\", scope=\"orders:write\", "
                + "error_description=\"The access token lacks a required scope\"");
        denied(api.authorize("GET", "/api/t/acme/orders", bearer(f.acmeToken().without("scope").sign())), 403, "insufficient_scope");
        denied(api.authorize("GET", "/api/t/acme/orders", bearer(f.acmeToken().claim("scope", "orders:readx").sign())),
                403, "insufficient_scope");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: a route that needs several scopes names them all")
    void severalScopes_allNamed() {
        ResourceServer strict = f.ordersApi().route("DELETE", "/api/t/{tenant}/orders/*", "orders:write", "orders:admin").build();
        String writer = f.acmeToken().claim("scope", "orders:write").sign();
        Decision.Deny d = denied(strict.authorize("DELETE", "/api/t/acme/orders/7", bearer(writer)), 403, "insufficient_scope");
        assertThat(d.challenge()).contains("scope=\"orders:write orders:admin\"");
        allowed(strict.authorize("DELETE", "/api/t/acme/orders/7",
                bearer(f.acmeToken().claim("scope", "orders:admin orders:write").sign())));
    }

    @Test
    @DisplayName("RFC 6750 §2.1: the scheme name is case-insensitive and extra spaces before the token are accepted")
    void schemeCaseInsensitive() {
        String token = f.acmeToken().sign();
        allowed(api.authorize("GET", "/api/t/acme/orders", headers("authorization", "bearer " + token)));
        allowed(api.authorize("GET", "/api/t/acme/orders", headers("Authorization", "BEARER   " + token)));
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer a b", "Bearer a,b", "Bearer \"abc\"", "Bearer abc==x",
            "Bearer abc, Bearer def"})
    @DisplayName("RFC 6750 §3.1: a malformed Bearer credential (or two of them) is invalid_request, 400")
    void malformedCredentials_400(String authorization) {
        Decision.Deny d = denied(api.authorize("GET", "/api/t/acme/orders", headers("Authorization", authorization)),
                400, "invalid_request");
        assertThat(d.challenge()).startsWith("Bearer realm=\"orders\", error=\"invalid_request\"");
    }

    @Test
    @DisplayName("RFC 6750 §3: a request no rule covers is refused with 403, whatever the token")
    void noRoute_403() {
        String token = f.acmeToken().claim("scope", "orders:read orders:write").sign();
        denied(api.authorize("GET", "/api/t/acme/invoices", bearer(token)), 403, "insufficient_scope");
        denied(api.authorize("PUT", "/api/t/acme/orders", bearer(token)), 403, "insufficient_scope");
        denied(api.authorize("GET", "/api/t/acme/orders/", bearer(token)), 403, "insufficient_scope");
        Decision.Deny d = denied(api.authorize("GET", "/other", headers()), 403, "insufficient_scope");
        assertThat(d.challenge()).doesNotContain("scope=\"");
    }
}
