package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Browser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With no trusted proxy (the default), {@code X-Forwarded-For} is ignored: the client's address is the
 * peer's, so a forged header cannot escape a lock. Spec: CONTRACT §8.2.
 */
@Tag("contract")
class Contract8_2ForwardedForIgnoredTest extends ForwardedForSpecTest {
    @Test
    @DisplayName("CONTRACT §8.2: X-Forwarded-For from an untrusted peer is ignored: a forged address cannot escape the lock")
    void forgedForwardedAddress_isIgnored() {
        Browser.Page page = afterTwentyFailures("203.0.113.5", "203.0.113.6");
        assertThat(page.location()).isNull();
        assertThat(page.alert()).containsIgnoringCase("too many");
    }
}
