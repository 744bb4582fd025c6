package dev.tessera.spec.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Setting;
import dev.tessera.testing.Browser;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * From a peer in {@code TESSERA_TRUSTED_PROXIES}, the client's address is the nearest untrusted hop of
 * {@code X-Forwarded-For}: two clients behind one proxy have separate budgets. Spec: CONTRACT §8.2; RFC 7239 §5.2.
 */
@Tag("contract")
class Contract8_2ForwardedForTrustedTest extends ForwardedForSpecTest {
    @Override
    protected Map<Setting, String> serverSettings() {
        return Map.of(Setting.TRUSTED_PROXIES, "127.0.0.1, ::1");
    }

    @Test
    @DisplayName("CONTRACT §8.2: X-Forwarded-For from a trusted proxy names the client: another client keeps its budget")
    void forwardedAddress_isTheClients() {
        Browser.Page page = afterTwentyFailures("203.0.113.5", "203.0.113.6");
        assertThat(page.alert()).as("another client is not locked").isNull();
        assertThat(page.location()).as("the code redirect").isNotNull();
    }

    @Test
    @DisplayName("CONTRACT §8.2: the same client stays locked whatever a client-supplied hop before it says")
    void sameForwardedAddress_isLocked() {
        Browser.Page page = afterTwentyFailures("203.0.113.7", "198.51.100.1, 203.0.113.7");
        assertThat(page.location()).isNull();
        assertThat(page.alert()).containsIgnoringCase("too many");
    }
}
