package dev.tessera.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import net.minidev.json.JSONValue;
import org.slf4j.event.KeyValuePair;

/**
 * One flat JSON object per log line: {@code timestamp} (ISO-8601), {@code level}, {@code logger},
 * {@code thread}, {@code message}, the request's {@code correlation_id}, {@code tenant} and
 * {@code client_id} (from the MDC), structured key-value pairs (audit events), and {@code error}.
 * Spec: CONTRACT §1.1.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] EMPTY = new byte[0];

    @Override
    public byte[] headerBytes() { return EMPTY; }

    @Override
    public byte[] footerBytes() { return EMPTY; }

    @Override
    public byte[] encode(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(256);
        java.util.Set<String> written = new java.util.HashSet<>(java.util.List.of("timestamp", "level", "logger", "thread", "message", "error", "stack"));
        b.append("{\"timestamp\":\"").append(Instant.ofEpochMilli(e.getTimeStamp())).append('"');
        field(b, "level", e.getLevel().toString());
        field(b, "logger", e.getLoggerName());
        field(b, "thread", e.getThreadName());
        field(b, "message", e.getFormattedMessage());
        Map<String, String> mdc = e.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> m : mdc.entrySet()) {
                if (written.add(m.getKey())) field(b, m.getKey(), m.getValue());
            }
        }
        if (e.getKeyValuePairs() != null) {
            for (KeyValuePair kv : e.getKeyValuePairs()) {
                if (written.add(kv.key)) field(b, kv.key, kv.value == null ? null : String.valueOf(kv.value));
            }
        }
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            field(b, "error", t.getClassName() + ": " + t.getMessage());
            StringBuilder stack = new StringBuilder();
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, 30); i++) stack.append(frames[i].getSTEAsString()).append('\n');
            field(b, "stack", stack.toString());
        }
        b.append("}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value == null) return;
        b.append(",\"").append(JSONValue.escape(name)).append("\":\"").append(JSONValue.escape(value)).append('"');
    }
}
