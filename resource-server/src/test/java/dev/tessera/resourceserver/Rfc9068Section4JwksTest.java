package dev.tessera.resourceserver;

import static dev.tessera.resourceserver.Decisions.allowed;
import static dev.tessera.resourceserver.Decisions.invalidToken;
import static dev.tessera.resourceserver.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 9068 §4 step 5: keys come from the issuer's JWKS (RFC 8414 §2 {@code jwks_uri}), cached and refreshed. */
@Tag("rfc9068")
class Rfc9068Section4JwksTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void close() {
        f.close();
    }

    private static Decision read(ResourceServer api, String tenant, String token) {
        return api.authorize("GET", "/api/t/" + tenant + "/orders", bearer(token));
    }

    @Test
    @DisplayName("RFC 9068 §4: the JWKS is fetched once and cached for many tokens")
    void jwks_isCached() {
        ResourceServer api = f.ordersApi().build();
        for (int i = 0; i < 20; i++) allowed(read(api, "acme", f.acmeToken().sign()));
        assertThat(f.jwks.fetches("acme")).isEqualTo(1);
        assertThat(f.jwks.fetches("globex")).isZero();
    }

    @Test
    @DisplayName("RFC 9068 §4: a token signed with a key published after the last fetch (rotation) is accepted after one refetch")
    void unknownKid_refreshesOnce() {
        ResourceServer api = f.ordersApi().jwks(Duration.ofMinutes(5), Duration.ofMillis(1), Duration.ofSeconds(2)).build();
        allowed(read(api, "acme", f.acmeToken().sign()));
        f.jwks.publish("acme", TestKeys.ACME_ES256, TestKeys.ACME_NEXT_ES256);
        allowed(read(api, "acme", f.acmeToken().signedWith(TestKeys.ACME_NEXT_ES256).sign()));
        assertThat(f.jwks.fetches("acme")).isEqualTo(2);
        allowed(read(api, "acme", f.acmeToken().signedWith(TestKeys.ACME_NEXT_ES256).sign()));
        assertThat(f.jwks.fetches("acme")).isEqualTo(2);
    }

    @Test
    @DisplayName("RFC 9068 §4: tokens with garbage kids cannot make the API hammer the JWKS endpoint (≤ 2 fetches per interval)")
    void garbageKids_areRateLimited() {
        ResourceServer api = f.ordersApi().build(); // default: at most 2 refetches per 30 s
        allowed(read(api, "acme", f.acmeToken().sign()));
        for (int i = 0; i < 50; i++) {
            invalidToken(read(api, "acme", f.acmeToken().signedWith(TestKeys.ROGUE_ES256).kid(UUID.randomUUID().toString()).sign()));
        }
        assertThat(f.jwks.fetches("acme")).as("first fetch + one refetch in the first 30 s").isLessThanOrEqualTo(2);
        allowed(read(api, "acme", f.acmeToken().sign())); // known keys keep working meanwhile
    }

    @Test
    @DisplayName("RFC 9068 §4: a token without kid is checked against the issuer's keys of its algorithm")
    void missingKid_usesTheIssuersKeys() {
        ResourceServer api = f.ordersApi().build();
        allowed(read(api, "acme", f.acmeToken().kid(null).sign()));
        invalidToken(read(api, "acme", f.acmeToken().signedWith(TestKeys.ROGUE_ES256).kid(null).sign()));
    }

    @Test
    @DisplayName("RFC 9068 §4 step 3: each issuer has its own key set; another issuer's key never verifies a token")
    void keysOfOneIssuer_neverVerifyAnother() {
        ResourceServer api = f.ordersApi().build();
        allowed(read(api, "globex", f.globexToken().sign()));
        // iss globex, but signed with an acme key that globex's JWKS does not hold
        invalidToken(read(api, "globex", f.globexToken().signedWith(TestKeys.ACME_ES256).sign()));
        // iss acme signed with globex's key
        invalidToken(read(api, "acme", f.acmeToken().signedWith(TestKeys.GLOBEX_ES256).sign()));
        // each unknown kid made one refetch of that issuer's own JWKS, nothing else
        assertThat(f.jwks.fetches("acme")).isEqualTo(2);
        assertThat(f.jwks.fetches("globex")).isEqualTo(2);
    }

    @Test
    @DisplayName("RFC 9068 §4: when the JWKS cannot be fetched, tokens are refused (fail closed)")
    void unreachableJwks_failsClosed() {
        f.jwks.failing(true);
        ResourceServer api = f.ordersApi().build();
        invalidToken(read(api, "acme", f.acmeToken().sign()));
        f.jwks.close();
        ResourceServer gone = f.ordersApi().build();
        invalidToken(read(gone, "acme", f.acmeToken().sign()));
    }
}
