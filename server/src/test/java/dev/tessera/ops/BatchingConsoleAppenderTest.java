package dev.tessera.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

@DisplayName("CONTRACT §1.1: log lines leave in order, one JSON object per line, none lost at stop")
class BatchingConsoleAppenderTest {

    @Test
    @DisplayName("CONTRACT §1.1: every queued event is written, in order, with the MDC of the thread that logged it")
    void writesEveryEventInOrder() throws Exception {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchingConsoleAppender appender = new BatchingConsoleAppender();
        appender.setContext(context);
        appender.setEncoder(new JsonLogEncoder());
        appender.setOutputStream(out);
        appender.start();
        var logger = context.getLogger("test");
        int n = 5_000;
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                MDC.put("correlation_id", "thread-" + id);
                for (int i = 0; i < n; i++) {
                    appender.doAppend(new LoggingEvent("x", logger, Level.INFO, "line {} {}", null, new Object[] {id, i}));
                }
                MDC.clear();
            });
            threads[t].start();
        }
        for (Thread t : threads) t.join();
        appender.stop();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(threads.length * n).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        for (int t = 0; t < threads.length; t++) {
            String tag = "line " + t + " ";
            List<String> mine = lines.stream().filter(l -> l.contains("\"message\":\"" + tag)).toList();
            assertThat(mine).hasSize(n).allSatisfy(l -> assertThat(l).contains("\"correlation_id\":\"thread-"));
            for (int i = 0; i < n; i++) assertThat(mine.get(i)).contains("\"message\":\"" + tag + i + "\"");
        }
    }

    @Test
    @DisplayName("CONTRACT §1.1: a full queue drops events (never blocks a request) and says how many")
    void fullQueue_dropsAndCounts() throws Exception {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        java.io.OutputStream slow = new java.io.OutputStream() {
            @Override public void write(int b) { sink.write(b); }
            @Override public void write(byte[] b, int off, int len) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.write(b, off, len);
            }
        };
        BatchingConsoleAppender appender = new BatchingConsoleAppender();
        appender.setContext(context);
        appender.setEncoder(new JsonLogEncoder());
        appender.setQueueSize(10);
        appender.setOutputStream(slow);
        appender.start();
        var logger = context.getLogger("test");
        for (int i = 0; i < 1_000; i++) {
            appender.doAppend(new LoggingEvent("x", logger, Level.INFO, "event " + i, null, null));
        }
        release.countDown();
        appender.stop();
        String written = sink.toString(StandardCharsets.UTF_8);
        assertThat(written.lines().count()).isLessThan(1_000);
        assertThat(written).containsPattern("log queue full: \\d+ events dropped");
    }
}
