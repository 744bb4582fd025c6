package dev.tessera.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * GETs a client-supplied URL under {@link OutboundPolicy}. The host is resolved once and every
 * address checked; the connection goes to the checked address, so DNS cannot answer differently at
 * connect time (rebinding), while TLS still sends the host name (SNI) and validates the certificate
 * for it. No redirects are followed (a 3xx is a failure), the whole fetch (resolution, connect, TLS,
 * reading) has one time budget, the body one size limit, and only a bounded number of fetches run at
 * once. Every failure takes the whole budget, so that its timing tells nothing about the target
 * (open, closed or filtered ports).
 * Spec: RFC 9110 §15.4 (redirects, not followed); RFC 6066 §3 (SNI); RFC 9112 §6–§7 (message body).
 */
public final class OutboundFetcher {
    public static final Duration BUDGET = Duration.ofSeconds(2);
    public static final int MAX_BODY = 64 * 1024;
    public static final int MAX_CONCURRENT = 16;
    private static final int MAX_HEAD = 16 * 1024;

    private final OutboundPolicy policy;
    private final HostResolver resolver;
    private final SSLSocketFactory tls;
    private final long budgetNanos;
    private final int maxBody;
    private final Semaphore slots;
    private final ExecutorService resolving;

    public OutboundFetcher(OutboundPolicy policy, HostResolver resolver, SSLSocketFactory tls, Duration budget, int maxBody,
                           int maxConcurrent) {
        this.policy = policy;
        this.resolver = resolver;
        this.tls = tls;
        this.budgetNanos = budget.toNanos();
        this.maxBody = maxBody;
        this.slots = new Semaphore(maxConcurrent);
        this.resolving = Executors.newFixedThreadPool(maxConcurrent, r -> {
            Thread t = new Thread(r, "tessera-outbound-dns");
            t.setDaemon(true);
            return t;
        });
    }

    /** The deployment's fetcher: system DNS, the JVM's trust store, 2 s, 64 KiB, 16 at once. */
    public static OutboundFetcher standard(OutboundPolicy policy) {
        return new OutboundFetcher(policy, HostResolver.SYSTEM, (SSLSocketFactory) SSLSocketFactory.getDefault(), BUDGET,
                MAX_BODY, MAX_CONCURRENT);
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /** GET {@code uri} asking for {@code accept}; a {@link Fetched.Body} only for a 200 within the limits. */
    public Fetched get(URI uri, String accept) {
        // decided on the URL alone, or on this node's load: nothing about the network to hide, so no padding
        // (a padded local refusal would hold a request thread for the whole budget)
        String refusal = policy.refusal(uri);
        if (refusal != null) return new Fetched.Failed("URL refused: " + refusal);
        if (!slots.tryAcquire()) return new Fetched.Failed("too many outbound fetches at once");   // fail, never queue
        long deadline = System.nanoTime() + budgetNanos;
        Fetched result;
        try {
            result = attempt(uri, accept, deadline);
        } finally {
            slots.release();
        }
        if (result instanceof Fetched.Failed) waitUntil(deadline);   // a network failure takes the whole budget
        return result;
    }

    private Fetched attempt(URI uri, String accept, long deadline) {
        try {
            return fetch(uri, accept, deadline);
        } catch (SocketTimeoutException e) {
            return new Fetched.Failed("timed out");
        } catch (IOException | RuntimeException e) {
            return new Fetched.Failed("fetch failed: " + e.getClass().getSimpleName());
        }
    }

    private Fetched fetch(URI uri, String accept, long deadline) throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = resolve(bare, deadline);
        if (addresses.isEmpty()) return new Fetched.Failed("host did not resolve");
        for (InetAddress a : addresses) {
            if (!policy.permits(a) || (!https && !policy.permitsPlainHttp(a))) {
                return new Fetched.Failed("host resolves to a refused address");
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(addresses.get(0), port), remainingMillis(deadline));
            raw.setSoTimeout(remainingMillis(deadline));
            Socket s = https ? secure(raw, bare, port) : raw;
            try (s) {
                String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                String authority = host + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
                OutputStream out = s.getOutputStream();
                out.write(("GET " + target + " HTTP/1.1\r\nHost: " + authority + "\r\nAccept: " + accept
                        + "\r\nAccept-Encoding: identity\r\nConnection: close\r\nUser-Agent: Tessera\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return read(new Deadlined(s, deadline));
            }
        }
    }

    private SSLSocket secure(Socket raw, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) tls.createSocket(raw, host, port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");   // the certificate must name the host, not the address
        if (OutboundPolicy.literal(host) == null && !host.contains(":")) p.setServerNames(List.of(new SNIHostName(host)));
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private List<InetAddress> resolve(String host, long deadline) throws IOException {
        Future<List<InetAddress>> f = resolving.submit(() -> resolver.resolve(host));
        try {
            return f.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new SocketTimeoutException("resolution");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UnknownHostException("resolution failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private Fetched read(Deadlined in) throws IOException {
        String head = head(in);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) return new Fetched.Failed("not an HTTP/1.x answer");
        if (!status[1].equals("200")) return new Fetched.Failed("status " + status[1].replaceAll("[^0-9]", ""));
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("transfer-encoding")) chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            if (name.equals("content-length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return new Fetched.Failed("bad Content-Length");
                }
            }
        }
        if (length > maxBody) return new Fetched.Failed("body larger than " + maxBody + " bytes");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            while (true) {
                String size = line(in).split(";", 2)[0].trim();
                int n;
                try {
                    n = Integer.parseInt(size, 16);
                } catch (NumberFormatException e) {
                    return new Fetched.Failed("bad chunk");
                }
                if (n == 0) break;
                if (n < 0 || body.size() + (long) n > maxBody) return new Fetched.Failed("body larger than " + maxBody + " bytes");
                copy(in, body, n);
                line(in);
            }
        } else if (length >= 0) {
            copy(in, body, (int) length);
        } else {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf, 0, buf.length)) > 0) {
                if (body.size() + n > maxBody) return new Fetched.Failed("body larger than " + maxBody + " bytes");
                body.write(buf, 0, n);
            }
        }
        return new Fetched.Body(body.toByteArray());
    }

    private static String head(Deadlined in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int c = in.read();
            if (c < 0) throw new IOException("connection closed in the header");
            if (b.size() >= MAX_HEAD) throw new IOException("header too large");
            b.write(c);
            last4 = (last4 << 8) | c;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static String line(Deadlined in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0 || b.length() > 1024) throw new IOException("bad chunk line");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }

    private static void copy(Deadlined in, ByteArrayOutputStream out, int n) throws IOException {
        byte[] buf = new byte[4096];
        while (n > 0) {
            int r = in.read(buf, 0, Math.min(n, buf.length));
            if (r < 0) throw new IOException("body cut short");
            out.write(buf, 0, r);
            n -= r;
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (ms <= 0) throw new SocketTimeoutException("budget spent");
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    private static void waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return;
        try {
            TimeUnit.NANOSECONDS.sleep(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a socket with the socket timeout shrunk to what is left of the budget before every read. */
    private static final class Deadlined {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] one = new byte[1];

        Deadlined(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.deadline = deadline;
        }

        int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            return in.read(b, off, len);
        }
    }
}
