package dev.tessera.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The process as operators run it: CONTRACT §1 and §1.1 (start, readiness, JSON logs, SIGTERM). */
class LaunchTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName("CONTRACT §1.1: ready within 10 s, JSON log lines on stdout, SIGTERM drains and exits 0")
    void startServeAndStopGracefully() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("tessera-launch");
        Path out = data.resolve("stdout.log");
        Path err = data.resolve("stderr.log");
        String secret = "launch-test-admin-secret-0123456789abcdefghij";
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), "dev.tessera.server.Main", "start", "--dev",
                "--http-port", Integer.toString(port))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TESSERA_"));
        pb.environment().put("TESSERA_DATA_DIR", data.toString());
        pb.environment().put("TESSERA_ADMIN_CLIENT_SECRET", secret);
        long started = System.nanoTime();
        Process p = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            int status = 0;
            while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10) && status != 200) {
                status = get(base + "/health/ready");
                if (status != 200) java.util.concurrent.locks.LockSupport.parkNanos(25_000_000L);   // don't steal the starting server's CPU
            }
            assertThat(status).as("ready within 10 s").isEqualTo(200);

            String body = "grant_type=client_credentials&scope=admin";
            HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/t/system/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            ("tessera-admin:" + secret).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(200);
            String accessToken = (String) JSONObjectUtils.parse(token.body()).get("access_token");

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(p.exitValue()).isEqualTo(0);

            List<String> lines = Files.readAllLines(out);
            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                assertThat(JSONObjectUtils.parse(line)).as("every stdout line is a JSON object: %s", line)
                        .containsKeys("timestamp", "level", "message");
                assertThat(line).doesNotContain(secret).doesNotContain(accessToken);
            }
            assertThat(String.join("\n", lines)).contains("token.issued");
            String banner = Files.readString(err);
            assertThat(banner).contains(base + "/t/demo/.well-known/openid-configuration").contains("curl ");
        } finally {
            p.destroyForcibly();
        }
    }

    private static int get(String url) {
        return dev.tessera.testing.ServerProcess.status(url);
    }
}
