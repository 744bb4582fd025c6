package dev.tessera.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback TCP server that answers each connection with a fixed handler; counts connections. */
final class RawServer implements AutoCloseable {
    interface Handler {
        void answer(Socket s, InputStream in, OutputStream out) throws IOException;
    }

    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket socket;

    RawServer(Handler handler) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), handler);
    }

    RawServer(ServerSocket socket, Handler handler) {
        this.socket = socket;
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread c = new Thread(() -> {
                        try (s) {
                            handler.answer(s, s.getInputStream(), s.getOutputStream());
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                    c.setDaemon(true);
                    c.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Reads the request head (up to the blank line) and returns it. */
    static String requestHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) break;
        }
        return b.toString();
    }

    /** A handler answering every request with {@code status} and {@code body} (with Content-Length). */
    static Handler answering(String status, String headers, byte[] body) {
        return (s, in, out) -> {
            requestHead(in);
            out.write(("HTTP/1.1 " + status + "\r\nContent-Length: " + body.length + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        };
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
