package dev.tessera.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One selector thread driving a share of the connections. Closed loop: a connection sends its next
 * request as soon as the answer arrives. Paced: requests follow a fixed schedule; a request that had
 * to wait for a free connection is timed from its intended start (no coordinated omission).
 */
final class Worker implements Runnable {
    private static final long RETRY_NANOS = 20_000_000L;
    /** Selector timeouts have millisecond granularity; lateness up to this is the generator's. */
    private static final long TIMER_SLACK_NANOS = 2_000_000L;

    private final LoadConfig config;
    private final RequestFactory factory;
    private final ResponseCheck check;
    private final AtomicLong budget;
    private final Pacer pacer;
    private final long measureNanos;
    private final long endNanos;
    private final Connection[] connections;
    private final Selector selector;
    private final byte[] readBytes = new byte[64 * 1024];
    private final ByteBuffer readBuffer = ByteBuffer.wrap(readBytes);
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Connection> retry = new ArrayDeque<>();
    private final Consumer<SelectionKey> handler = this::handle;
    private int inFlight;
    private boolean budgetDone;

    final Histogram histogram = new Histogram();
    long responses;
    long statusErrors;
    long checkErrors;
    long ioErrors;
    long lastCompletionNanos;
    long inFlightAtEnd;
    long backlogAtEnd;
    Throwable failure;

    Worker(LoadConfig config, RequestFactory factory, ResponseCheck check, AtomicLong budget,
           int connectionCount, double rate, long startNanos, long measureNanos, long endNanos) throws IOException {
        this.config = config;
        this.factory = factory;
        this.check = check;
        this.budget = budget;
        this.pacer = rate > 0 ? new Pacer(rate, startNanos) : null;
        this.measureNanos = measureNanos;
        this.endNanos = endNanos;
        this.connections = new Connection[connectionCount];
        for (int i = 0; i < connectionCount; i++) {
            connections[i] = new Connection(check.captureLimit());
        }
        this.selector = Selector.open();
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (Connection c : connections) {
                connect(c, now);
            }
            loop();
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            inFlightAtEnd = inFlight;
            if (pacer != null && !budgetDone) {
                backlogAtEnd = pacer.backlog(Math.min(System.nanoTime(), endNanos));
            }
            for (Connection c : connections) {
                c.close();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void loop() throws IOException {
        long now = System.nanoTime();
        while (now < endNanos && !(budgetDone && inFlight == 0)) {
            retryConnections(now);
            dispatchPaced(now);
            selector.select(handler, timeoutMillis(now));
            now = System.nanoTime();
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        Connection c = (Connection) key.attachment();
        long now = System.nanoTime();
        try {
            if (key.isConnectable()) {
                c.channel.finishConnect();
                c.interest(SelectionKey.OP_READ);
                nextRequest(c, now);
                return;
            }
            if (key.isWritable()) {
                flush(c);
            }
            if (key.isReadable()) {
                read(c, now);
            }
        } catch (IOException e) {
            fail(c, now);
        }
    }

    private void connect(Connection c, long now) {
        try {
            SocketChannel ch = SocketChannel.open();
            c.channel = ch;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean done = ch.connect(config.target());
            c.interest = done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT;
            c.key = ch.register(selector, c.interest, c);
            if (done) {
                nextRequest(c, now);
            }
        } catch (IOException e) {
            fail(c, now);
        }
    }

    private void retryConnections(long now) {
        while (!retry.isEmpty() && retry.peek().retryAtNanos <= now) {
            connect(retry.poll(), now);
        }
    }

    /** Timer path: due requests go out on idle connections. */
    private void dispatchPaced(long now) {
        if (pacer == null) {
            return;
        }
        while (!idle.isEmpty() && pacer.next() <= now && takeBudget()) {
            long due = pacer.next();
            pacer.advance();
            send(idle.poll(), Math.min(now, due + TIMER_SLACK_NANOS));
        }
    }

    /** A connection became free: send the next request or park it. */
    private void nextRequest(Connection c, long now) {
        if (now >= endNanos) {
            return;
        }
        if (pacer == null) {
            if (takeBudget()) {
                send(c, now);
            } else {
                idle.add(c);
            }
            return;
        }
        long due = pacer.next();
        if (due <= now && takeBudget()) {
            pacer.advance();
            // With no other idle connection, the request was queued waiting for one: that wait counts.
            send(c, idle.isEmpty() ? due : Math.min(now, due + TIMER_SLACK_NANOS));
        } else {
            idle.add(c);
        }
    }

    private boolean takeBudget() {
        if (budget == null) {
            return true;
        }
        if (!budgetDone && budget.getAndDecrement() > 0) {
            return true;
        }
        budgetDone = true;
        return false;
    }

    private void send(Connection c, long startNanos) {
        c.busy = true;
        inFlight++;
        c.startNanos = startNanos;
        c.parser.reset();
        c.prepare(factory.next());
        try {
            flush(c);
        } catch (IOException e) {
            fail(c, System.nanoTime());
        }
    }

    private void flush(Connection c) throws IOException {
        if (c.writing) {
            c.channel.write(c.out);
            c.writing = c.out.hasRemaining();
        }
        c.interest(c.writing ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void read(Connection c, long now) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            endOfStream(c, now);
            return;
        }
        if (n == 0) {
            return;
        }
        if (!c.busy) {
            throw new IOException("unsolicited data");
        }
        int used = c.parser.feed(readBytes, 0, n);
        if (c.parser.done()) {
            if (used < n) {
                throw new IOException("data after response");
            }
            complete(c, now);
        }
    }

    private void endOfStream(Connection c, long now) throws IOException {
        if (c.busy && c.parser.endOfStream()) {
            complete(c, now);
        } else if (c.busy) {
            throw new IOException("connection closed before response completed");
        } else {
            idle.remove(c); // idle keep-alive connection closed by the server: not an error
            c.close();
            connect(c, now);
        }
    }

    private void complete(Connection c, long now) {
        c.busy = false;
        inFlight--;
        lastCompletionNanos = now;
        if (c.startNanos >= measureNanos && now <= endNanos) {
            responses++;
            histogram.record((now - c.startNanos) / 1000);
            ResponseParser p = c.parser;
            if (!check.ok(p.status(), p.body(), p.bodyLength())) {
                if (p.status() >= 200 && p.status() < 300) {
                    checkErrors++;
                } else {
                    statusErrors++;
                }
            }
        }
        if (c.parser.closeAfter()) {
            c.close();
            connect(c, now);
        } else {
            nextRequest(c, now);
        }
    }

    private void fail(Connection c, long now) {
        if (now >= measureNanos && now <= endNanos) {
            ioErrors++;
        }
        if (c.busy) {
            inFlight--;
        } else {
            idle.remove(c);
        }
        c.close();
        c.retryAtNanos = now + RETRY_NANOS;
        retry.add(c);
    }

    private long timeoutMillis(long now) {
        long deadline = endNanos;
        if (!retry.isEmpty()) {
            deadline = Math.min(deadline, retry.peek().retryAtNanos);
        }
        if (pacer != null && !idle.isEmpty() && !budgetDone) {
            deadline = Math.min(deadline, pacer.next());
        }
        return Math.max(1, (deadline - now + 999_999) / 1_000_000);
    }
}
