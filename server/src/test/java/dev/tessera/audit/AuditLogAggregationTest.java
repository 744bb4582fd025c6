package dev.tessera.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.protocol.ClientId;
import dev.tessera.tenant.TenantId;
import dev.tessera.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link AuditLog#emitAggregated}: bounded rows for refusals the sender repeats at will (issue 9 item 7). */
class AuditLogAggregationTest {
    private final List<AuditEvent> stored = new ArrayList<>();
    private final MutableClock clock = MutableClock.startingNow();
    private final AuditLog log = new AuditLog(new AuditLog.Sink() {
        @Override public boolean offer(AuditEvent event) { return stored.add(event); }

        @Override public int pending() { return 0; }

        @Override public void close() {}
    }, clock);
    private final TenantId tenant = new TenantId("t1");

    private void refuse(String source) {
        log.emitAggregated(tenant, "signin.throttled", AuditEvent.FAILURE, new ClientId("app"), source, Map.of("key", "pair"));
    }

    @Test
    @DisplayName("Issue 9 item 7: a window's first refusal is stored at once, the rest as one row with their count when it closes")
    void oneRowThenACount() {
        for (int i = 0; i < 1000; i++) refuse("203.0.113.1");
        assertThat(stored).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("source", "203.0.113.1")
                .containsEntry("key", "pair"));
        clock.advance(Duration.ofSeconds(59));
        log.closeAggregates();
        assertThat(stored).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        log.closeAggregates();
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).details()).containsEntry("count", "999").containsEntry("source", "203.0.113.1");
        assertThat(stored.get(1).clientId()).isEqualTo("app");
        refuse("203.0.113.1");
        assertThat(stored).as("a new window starts with a row").hasSize(3);
    }

    @Test
    @DisplayName("Issue 9 item 7: windows are per source; a single refusal leaves no count row")
    void perSource() {
        refuse("203.0.113.1");
        refuse("203.0.113.2");
        assertThat(stored).hasSize(2);
        clock.advance(Duration.ofMinutes(2));
        log.closeAggregates();
        assertThat(stored).hasSize(2);
    }

    @Test
    @DisplayName("Issue 9 item 7: sources beyond the open-window bound share one window, so rotating addresses stay bounded")
    void rotatingSources_shareAnOverflowWindow() {
        for (int i = 0; i < AuditLog.MAX_OPEN_WINDOWS + 500; i++) refuse("src-" + i);
        assertThat(stored).hasSize(AuditLog.MAX_OPEN_WINDOWS + 1);
        assertThat(stored.get(stored.size() - 1).details()).containsEntry("source", "*");
        clock.advance(Duration.ofMinutes(1));
        log.closeAggregates();
        assertThat(stored.get(stored.size() - 1).details()).containsEntry("source", "*").containsEntry("count", "499");
    }
}
