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
    ByteBuffer out;
    int interest;
    boolean busy;
    boolean connected;
    long startNanos;
    long retryAtNanos;

    Connection(int captureLimit) {
        parser = new ResponseParser(captureLimit);
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
        out = null;
        interest = 0;
        busy = false;
        connected = false;
    }
}
