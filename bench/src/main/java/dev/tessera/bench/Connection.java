package dev.tessera.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One keep-alive connection with at most one outstanding request. */
final class Connection {
    final ResponseParser parser;
    SocketChannel channel;
    SelectionKey key;
    ByteBuffer out = ByteBuffer.allocateDirect(1024);
    boolean writing;
    int interest;
    boolean busy;
    long startNanos;
    long retryAtNanos;

    Connection(int captureLimit) {
        parser = new ResponseParser(captureLimit);
    }

    /** Copies the request into the reusable direct output buffer. */
    void prepare(byte[] request) {
        if (out.capacity() < request.length) {
            out = ByteBuffer.allocateDirect(Math.max(request.length, out.capacity() * 2));
        }
        out.clear();
        out.put(request).flip();
        writing = true;
    }

    void interest(int ops) {
        if (interest != ops) {
            key.interestOps(ops);
            interest = ops;
        }
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing useful to do
            }
        }
        channel = null;
        key = null;
        writing = false;
        interest = 0;
        busy = false;
    }
}
