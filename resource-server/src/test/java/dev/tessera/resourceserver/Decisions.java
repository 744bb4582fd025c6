package dev.tessera.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on a {@link Decision}. */
final class Decisions {
    private Decisions() {}

    static AccessToken allowed(Decision d) {
        assertThat(d).as("decision").isInstanceOf(Decision.Allow.class);
        return ((Decision.Allow) d).token();
    }

    static Decision.Deny denied(Decision d, int status, String error) {
        assertThat(d).as("decision").isInstanceOf(Decision.Deny.class);
        Decision.Deny deny = (Decision.Deny) d;
        assertThat(deny.status()).as("status (detail: %s)", deny.detail()).isEqualTo(status);
        assertThat(deny.error()).as("error").isEqualTo(error);
        return deny;
    }

    static Decision.Deny invalidToken(Decision d) {
        Decision.Deny deny = denied(d, 401, "invalid_token");
        assertThat(deny.challenge()).startsWith("Bearer realm=\"api\", error=\"invalid_token\"");
        return deny;
    }
}
