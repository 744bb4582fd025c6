package dev.tessera.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Entry point: runs a scenario, or the helper commands used by run.sh. */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) {
        int code;
        try {
            Options options = Options.parse(args);
            code = switch (options.command) {
                case "help" -> {
                    System.out.print(Options.USAGE);
                    yield 0;
                }
                case "run" -> {
                    Scenarios scenarios = new Scenarios(options, System.out);
                    LoadResult result = scenarios.run();
                    result.print(System.out, options.label != null ? options.label : options.scenario,
                            scenarios.unit(), scenarios.driver(), scenarios.notes(), scenarios.serverCpuMs());
                    yield 0;
                }
                case "free-port" -> {
                    System.out.println(freePort());
                    yield 0;
                }
                case "wait-ready" -> waitReady(options) ? 0 : 1;
                default -> throw new IllegalArgumentException("unknown command " + options.command);
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(Options.USAGE);
            code = 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("error: " + e);
            code = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        }
        System.exit(code);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Polls GET {url}/health/ready until it answers 200, the timeout passes, or --pid exits. */
    private static boolean waitReady(Options options) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(options.url.replaceAll("/+$", "") + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Math.round(options.timeoutSeconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (options.pid > 0 && ProcessHandle.of(options.pid).map(p -> !p.isAlive()).orElse(true)) {
                System.err.println("server process " + options.pid + " exited");
                return false;
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        System.err.println("server not ready after " + options.timeoutSeconds + " s");
        return false;
    }
}
