package dev.tessera.resourceserver;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A JWKS server publishing the keys of tenants {@code acme} and {@code globex}, a settable clock, and an
 * orders API's resource server trusting both tenants. One per test.
 */
class Fixture implements AutoCloseable {
    static final String AUDIENCE = "https://api.example/orders";
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    final JwksServer jwks;
    final SettableClock clock = new SettableClock(T0);

    Fixture() {
        try {
            jwks = new JwksServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        jwks.publish("acme", TestKeys.ACME_ES256, TestKeys.ACME_RS256, TestKeys.ACME_EDDSA);
        jwks.publish("globex", TestKeys.GLOBEX_ES256);
    }

    /** The orders API: read with {@code orders:read}, create with {@code orders:write}, per tenant. */
    ResourceServer.Builder ordersApi() {
        return ResourceServer.builder()
                .trustTessera(jwks.publicUrl(), "acme", "globex")
                .audience(AUDIENCE)
                .route("GET", "/api/t/{tenant}/orders", "orders:read")
                .route("POST", "/api/t/{tenant}/orders", "orders:write")
                .route("*", "/api/t/{tenant}/status/**")
                .clock(clock);
    }

    TestToken acmeToken() {
        return new TestToken(jwks.issuer("acme"), "acme", clock.instant());
    }

    TestToken globexToken() {
        return new TestToken(jwks.issuer("globex"), "globex", clock.instant()).signedWith(TestKeys.GLOBEX_ES256);
    }

    static Function<String, String> headers(String... nameValues) {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameValues.length; i += 2) m.put(nameValues[i], nameValues[i + 1]);
        return m::get;
    }

    static Function<String, String> bearer(String token) {
        return headers("Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        jwks.close();
    }

    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
