package dev.tessera.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tessera as a real child process ({@code java -cp <test class path> dev.tessera.server.Main start}),
 * as operators run it: its own JVM, so that it can be killed with SIGKILL and restarted on the same
 * data directory. Its stdout and stderr go to files outside the data directory.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String ADMIN_SECRET = "process-test-admin-secret-0123456789abcdefghij";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final Process process;
    public final String baseUrl;
    final Path stdout;
    final Path stderr;

    private ServerProcess(Process process, String baseUrl, Path stdout, Path stderr) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code tessera start --http-port port [args]} with {@code TESSERA_DATA_DIR=dataDir} and the given environment. */
    public static ServerProcess start(Path dataDir, int port, Map<String, String> env, String... args) throws IOException {
        Path logs = Files.createTempDirectory("tessera-process-logs");
        Path out = logs.resolve("stdout.log");
        Path err = logs.resolve("stderr.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                "dev.tessera.server.Main", "start", "--http-port", Integer.toString(port)));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TESSERA_"));
        pb.environment().put("TESSERA_DATA_DIR", dataDir.toString());
        pb.environment().put("TESSERA_ADMIN_CLIENT_SECRET", ADMIN_SECRET);
        pb.environment().putAll(env);
        return new ServerProcess(pb.start(), "http://127.0.0.1:" + port, out, err);
    }

    /** Waits for {@code GET /health/ready} to answer 200; false if the process exits first or the time runs out. */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (status(baseUrl + "/health/ready") == 200) return true;
            LockSupport.parkNanos(50_000_000L);   // polling: leave the starting server the CPU
        }
        return false;
    }

    /** Waits for the process to exit; its exit code, or -1 if it is still running after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: no shutdown hook, no drain, no close; what the OS has of the files is all that is left. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String stderrText() throws IOException {
        return Files.readString(stderr);
    }

    public String stdoutText() throws IOException {
        return Files.readString(stdout);
    }

    public static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
