package dev.tessera.examples.sampleapi;

import com.sun.net.httpserver.HttpServer;
import dev.tessera.resourceserver.ResourceServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny JSON API protected by tessera-resource-server, on the JDK's HTTP server:
 * {@code GET /api/t/{tenant}/orders} (scope {@code orders:read}), {@code POST /api/t/{tenant}/orders}
 * ({@code orders:write}), each answering with the verified token's claims; {@code GET /api/health}
 * needs no token. Start it from the command line ({@link #main}) or in-process ({@link #start}).
 */
public final class SampleApi implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService executor;

    private SampleApi(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * The resource server of this API: trusts {@code tenants} of the Tessera at {@code tesseraUrl} (its
     * {@code TESSERA_PUBLIC_URL}) and accepts tokens for {@code audiences}; with none, for each tenant's
     * issuer (Tessera's default audience when a client names no resource).
     */
    public static ResourceServer resourceServer(String tesseraUrl, List<String> tenants, List<String> audiences) {
        ResourceServer.Builder b = ResourceServer.builder().realm("sample-api")
                .route("GET", "/api/t/{tenant}/orders", "orders:read")
                .route("POST", "/api/t/{tenant}/orders", "orders:write");
        for (String t : tenants) b.trustTessera(tesseraUrl, t);
        if (audiences.isEmpty()) {
            String base = tesseraUrl.endsWith("/") ? tesseraUrl.substring(0, tesseraUrl.length() - 1) : tesseraUrl;
            for (String t : tenants) b.audience(base + "/t/" + t);
        } else {
            b.audience(audiences.toArray(String[]::new));
        }
        return b.build();
    }

    /** Starts the API on {@code host:port} (port 0: a free one) with this resource server. */
    public static SampleApi start(String host, int port, ResourceServer resourceServer) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sample-api");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", new ApiHandler(resourceServer, new Orders()));
        http.start();
        return new SampleApi(http, executor);
    }

    /** Starts the API on loopback: {@code start("127.0.0.1", port, resourceServer(tesseraUrl, tenants, List.of()))}. */
    public static SampleApi start(int port, String tesseraUrl, String... tenants) throws IOException {
        return start("127.0.0.1", port, resourceServer(tesseraUrl, List.of(tenants), List.of()));
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops listening and finishes within a second. */
    @Override
    public void close() {
        http.stop(1);
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code java -jar sample-api.jar [--host 127.0.0.1] [--port 9090] [--tessera http://127.0.0.1:8080]
     * [--tenant demo]… [--audience URI]…}
     */
    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 9090;
        String tessera = "http://127.0.0.1:8080";
        List<String> tenants = new ArrayList<>();
        List<String> audiences = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("java -jar sample-api.jar [--host 127.0.0.1] [--port 9090] "
                        + "[--tessera http://127.0.0.1:8080] [--tenant demo]... [--audience URI]...");
                return;
            }
            if (i + 1 >= args.length) fail("missing value for " + a);
            String v = args[++i];
            switch (a) {
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--tessera" -> tessera = v;
                case "--tenant" -> tenants.add(v);
                case "--audience" -> audiences.add(v);
                default -> fail("unknown option " + a);
            }
        }
        if (tenants.isEmpty()) tenants.add("demo");
        SampleApi api = start(host, port, resourceServer(tessera, tenants, audiences));
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        System.out.printf("Sample API listening on http://%s:%d (tenants %s of %s)%n", host, api.port(), tenants, tessera);
        System.out.printf("  GET/POST http://%s:%d/api/t/{tenant}/orders (scopes orders:read / orders:write)%n", host, api.port());
    }

    private static void fail(String message) {
        System.err.println(message + " (try --help)");
        System.exit(2);
    }
}
