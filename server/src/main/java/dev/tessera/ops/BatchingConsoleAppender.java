package dev.tessera.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Log lines to stdout from one background thread, written in batches: a request thread only queues
 * its event (never blocks; when the queue is full the event is dropped and counted), and the writer
 * encodes everything queued and hands it to the OS in one write. Logback's async appender in front of
 * its console appender wrote and flushed once per line, which cost about a fifth of the server's CPU
 * per introspection request. Lines still leave as soon as the writer is free, so nothing waits in a
 * buffer while the server is idle. Spec: CONTRACT §1.1 (one JSON object per line on stdout).
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final int MAX_BATCH = 1024;

    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 65_536;
    private ArrayBlockingQueue<ILoggingEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private OutputStream out;
    private Thread writer;

    public void setEncoder(Encoder<ILoggingEvent> encoder) { this.encoder = encoder; }

    public void setQueueSize(int queueSize) { this.queueSize = queueSize; }

    /** Tests and tools may write elsewhere than stdout. */
    void setOutputStream(OutputStream out) { this.out = out; }

    @Override
    public void start() {
        if (encoder == null) {
            addError("No encoder for appender " + name);
            return;
        }
        if (out == null) out = new FileOutputStream(FileDescriptor.out);
        queue = new ArrayBlockingQueue<>(queueSize);
        writer = new Thread(this::drain, "tessera-log-writer");
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();      // MDC, formatted message and caller data, taken on this thread
        if (!queue.offer(event)) dropped.incrementAndGet();
    }

    private void drain() {
        List<ILoggingEvent> batch = new ArrayList<>(MAX_BATCH);
        Buffer buf = new Buffer();
        while (isStarted() || !queue.isEmpty()) {
            try {
                ILoggingEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                for (ILoggingEvent e : batch) {
                    try {
                        buf.write(encoder.encode(e));
                    } catch (RuntimeException ex) {
                        addError("Could not encode a log event", ex);
                    }
                }
                long lost = dropped.getAndSet(0);
                if (lost > 0) buf.write(("{\"level\":\"WARN\",\"logger\":\"" + getClass().getName()
                        + "\",\"message\":\"log queue full: " + lost + " events dropped\"}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                buf.writeTo(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                addError("Could not write log lines", e);
            } finally {
                batch.clear();
                buf.reset();
            }
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) return;
        super.stop();                              // the writer empties the queue, then ends
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A byte buffer whose contents go out in one write. */
    private static final class Buffer extends java.io.ByteArrayOutputStream {
        Buffer() { super(64 * 1024); }

        @Override
        public void write(byte[] b) { write(b, 0, b.length); }

        @Override
        public synchronized void reset() {
            if (buf.length > 1024 * 1024) buf = new byte[64 * 1024];   // don't keep a burst's buffer
            super.reset();
        }

        @Override
        public synchronized void writeTo(OutputStream o) throws IOException {
            o.write(buf, 0, count);
            o.flush();
        }
    }
}
