package dev.tessera.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@DisplayName("CONTRACT §1.1: JSON log lines")
class JsonLogEncoderTest {
    private final LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();

    private Map<String, Object> encode(LoggingEvent e) throws Exception {
        String line = new String(new JsonLogEncoder().encode(e), StandardCharsets.UTF_8);
        assertThat(line).endsWith("}\n").doesNotContain("\n}");
        return JSONObjectUtils.parse(line.trim());
    }

    @Test
    @DisplayName("RFC 8259 §7: every character survives the round trip, control characters included")
    void escapes_roundTrip() throws Exception {
        String nasty = "quote\" backslash\\ slash/ nl\n cr\r tab\t nul\u0000 bell\u0007 del\u007f c1\u0085 ls\u2028 é ✓ 𝄞";
        LoggingEvent e = new LoggingEvent("x", context.getLogger("t"), Level.WARN, nasty, null, null);
        e.addKeyValuePair(new org.slf4j.event.KeyValuePair("k\"ey", nasty));
        Map<String, Object> json = encode(e);
        assertThat(json).containsEntry("message", nasty).containsEntry("k\"ey", nasty).containsEntry("level", "WARN");
    }

    @Test
    @DisplayName("CONTRACT §1.1: the timestamp is ISO-8601 as Instant prints it, with and without milliseconds")
    void timestamps() throws Exception {
        JsonLogEncoder encoder = new JsonLogEncoder();
        for (long millis : new long[] {1_764_790_000_000L, 1_764_790_000_007L, 1_764_790_000_070L, 1_764_790_000_999L,
                1_764_790_001_000L, 1_764_790_000_500L, -1L, 0L}) {
            LoggingEvent e = new LoggingEvent("x", context.getLogger("t"), Level.INFO, "m", null, null);
            e.setTimeStamp(millis);
            String line = new String(encoder.encode(e), StandardCharsets.UTF_8);
            assertThat(JSONObjectUtils.parse(line)).containsEntry("timestamp", Instant.ofEpochMilli(millis).toString());
        }
    }

    @Test
    @DisplayName("CONTRACT §1.1: MDC members appear once; a key-value pair does not overwrite them or the fixed members")
    void membersAppearOnce() throws Exception {
        MDC.put("correlation_id", "abc");
        try {
            LoggingEvent e = new LoggingEvent("x", context.getLogger("t"), Level.INFO, "m", null, null);
            e.addKeyValuePair(new org.slf4j.event.KeyValuePair("correlation_id", "other"));
            e.addKeyValuePair(new org.slf4j.event.KeyValuePair("message", "other"));
            e.addKeyValuePair(new org.slf4j.event.KeyValuePair("event", "token.issued"));
            String line = new String(new JsonLogEncoder().encode(e), StandardCharsets.UTF_8);
            assertThat(line.split("\"correlation_id\"", -1)).hasSize(2);
            assertThat(JSONObjectUtils.parse(line)).containsEntry("correlation_id", "abc").containsEntry("message", "m")
                    .containsEntry("event", "token.issued");
        } finally {
            MDC.clear();
        }
    }
}
