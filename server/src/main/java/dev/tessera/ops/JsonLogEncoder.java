package dev.tessera.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.tessera.protocol.JsonStrings;
import org.slf4j.event.KeyValuePair;

/**
 * One flat JSON object per log line: {@code timestamp} (ISO-8601), {@code level}, {@code logger},
 * {@code thread}, {@code message}, the request's {@code correlation_id}, {@code tenant} and
 * {@code client_id} (from the MDC), structured key-value pairs (audit events), and {@code error}.
 * A member name appears once (the first writer wins). Every request writes an audit line, so this
 * runs at the request rate: it escapes only what JSON requires and formats each second's timestamp
 * prefix once. Spec: CONTRACT §1.1; RFC 8259 §7 (string escapes).
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] EMPTY = new byte[0];
    private static final List<String> FIXED = List.of("timestamp", "level", "logger", "thread", "message", "error", "stack");

    /** The ISO-8601 text of the last second seen, without its 'Z' (the log writer is one thread; a race only recomputes). */
    private volatile Object[] lastSecond = {Long.MIN_VALUE, ""};

    @Override
    public byte[] headerBytes() { return EMPTY; }

    @Override
    public byte[] footerBytes() { return EMPTY; }

    @Override
    public byte[] encode(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(384);
        List<String> written = new ArrayList<>(8);
        b.append("{\"timestamp\":\"");
        timestamp(b, e.getTimeStamp());
        b.append('"');
        field(b, "level", e.getLevel().toString());
        field(b, "logger", e.getLoggerName());
        field(b, "thread", e.getThreadName());
        field(b, "message", e.getFormattedMessage());
        Map<String, String> mdc = e.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> m : mdc.entrySet()) {
                if (fresh(written, m.getKey())) field(b, m.getKey(), m.getValue());
            }
        }
        if (e.getKeyValuePairs() != null) {
            for (KeyValuePair kv : e.getKeyValuePairs()) {
                if (fresh(written, kv.key)) field(b, kv.key, kv.value == null ? null : String.valueOf(kv.value));
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

    private static boolean fresh(List<String> written, String key) {
        if (key == null || FIXED.contains(key) || written.contains(key)) return false;
        written.add(key);
        return true;
    }

    /** As {@link Instant#toString()}: seconds, then milliseconds unless zero, then 'Z'. */
    private void timestamp(StringBuilder b, long millis) {
        long second = Math.floorDiv(millis, 1000);
        int ms = (int) Math.floorMod(millis, 1000);
        Object[] last = lastSecond;
        String prefix;
        if ((long) last[0] == second) {
            prefix = (String) last[1];
        } else {
            String s = Instant.ofEpochSecond(second).toString();
            prefix = s.substring(0, s.length() - 1);
            lastSecond = new Object[] {second, prefix};
        }
        b.append(prefix);
        if (ms != 0) b.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        b.append('Z');
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value == null) return;
        b.append(',');
        JsonStrings.quoted(b, name).append(':');
        JsonStrings.quoted(b, value);
    }
}
