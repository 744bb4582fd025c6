package dev.tessera.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real NGINX (Debian's {@code nginx}) running the committed example config,
 * {@code examples/nginx/nginx.conf.template}, filled in as {@code examples/nginx/run.sh} fills it, from
 * a private temporary prefix: {@code nginx -p <prefix> -e <prefix>/logs/error.log -c <prefix>/nginx.conf
 * -g 'daemon off;'}. The test and the example are one config: nothing here adds to or edits the
 * template beyond its placeholders.
 */
final class NginxGateway implements AutoCloseable {
    private static final List<Path> EXECUTABLES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"),
            Path.of("/usr/local/sbin/nginx"), Path.of("/usr/local/nginx/sbin/nginx"));
    private static final Pattern LEFT_OVER = Pattern.compile("@[A-Z_]+@");
    /** Generous: the machine running the e2e group may be a loaded 2-core one. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The values of the template's placeholders (examples/nginx/README.md, "The placeholders"). */
    record Site(int port, int tesseraPort, int apiPort, String tenant, String app, String cookiePrefix) {}

    private final String name;
    private final Path prefix;
    private final Process process;
    private final String origin;

    private NginxGateway(String name, Path prefix, Process process, String origin) {
        this.name = name;
        this.prefix = prefix;
        this.process = process;
        this.origin = origin;
    }

    /** The nginx executable, if installed. */
    static Optional<Path> executable() {
        return EXECUTABLES.stream().filter(Files::isExecutable).findFirst();
    }

    /** A loopback port free right now (NGINX binds it a moment later; Tessera's public URL must name it first). */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's root: the first directory upwards from the working directory with the NGINX example. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/nginx/nginx.conf.template"))) return p;
        }
        throw new IllegalStateException("examples/nginx/nginx.conf.template not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Fills in the template, checks it with {@code nginx -t}, starts NGINX and waits until it serves
     * {@code /api/health} (so the sample API behind it answers too). {@code name} names the copy of its
     * logs kept in {@code target/e2e/} when it stops.
     */
    static NginxGateway start(String name, Path nginx, Site site) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Path prefix = Files.createTempDirectory("tessera-e2e-nginx");
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        Path cache = Files.createDirectories(prefix.resolve("cache"));
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));   // holds credentials

        Map<String, String> values = new LinkedHashMap<>();
        values.put("@LISTEN@", "127.0.0.1:" + site.port());
        values.put("@TESSERA@", "127.0.0.1:" + site.tesseraPort());
        values.put("@API@", "127.0.0.1:" + site.apiPort());
        values.put("@TENANT@", site.tenant());
        values.put("@APP@", site.app());
        values.put("@COOKIE_PREFIX@", site.cookiePrefix());
        values.put("@SPA_ROOT@", root.resolve("examples/spa").toString());
        values.put("@CACHE_DIR@", cache.toString());
        String conf = Files.readString(root.resolve("examples/nginx/nginx.conf.template"));
        for (Map.Entry<String, String> e : values.entrySet()) conf = conf.replace(e.getKey(), e.getValue());
        Matcher left = LEFT_OVER.matcher(conf);
        if (left.find()) {
            throw new IllegalStateException("nginx.conf.template has a placeholder this test does not fill: " + left.group());
        }
        Files.writeString(prefix.resolve("nginx.conf"), conf);

        // As root (a CI container), NGINX would run its workers as "nobody", who may not read the files
        // here; run.sh does the same.
        String globals = "daemon off;" + ("root".equals(System.getProperty("user.name")) ? " user root;" : "");
        List<String> args = List.of(nginx.toString(), "-p", prefix + "/", "-e", prefix.resolve("logs/error.log").toString(),
                "-c", prefix.resolve("nginx.conf").toString(), "-g", globals);

        List<String> check = new ArrayList<>(args);
        check.add(1, "-t");
        Process test = new ProcessBuilder(check).redirectErrorStream(true).start();
        String testOutput = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!test.waitFor(30, TimeUnit.SECONDS) || test.exitValue() != 0) {
            throw new IllegalStateException("nginx -t rejected " + prefix.resolve("nginx.conf") + ":\n" + testOutput);
        }

        Process process = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        NginxGateway gateway = new NginxGateway(name, prefix, process, "http://127.0.0.1:" + site.port());
        try {
            gateway.awaitReady();
        } catch (RuntimeException | IOException | InterruptedException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** Polls {@code /api/health} through NGINX until 200, with a deadline; fails with the error log. */
    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + diagnostics());
            }
            try {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(origin + "/api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);                                        // a poll interval, bounded by the deadline
        }
        throw new IllegalStateException("nginx did not serve " + origin + "/api/health within " + STARTUP.toSeconds()
                + " s (last: " + last + ")" + diagnostics());
    }

    /** {@code http://127.0.0.1:<port>}: the one origin of Tessera, the API and the SPA. */
    String origin() {
        return origin;
    }

    /** The last lines of NGINX's error and access logs, for failure messages. */
    String diagnostics() {
        return "\n--- nginx error.log (" + prefix.resolve("logs/error.log") + ") ---\n" + tail("logs/error.log", 40)
                + "\n--- nginx stdout/stderr ---\n" + tail("logs/stdout.log", 10)
                + "\n--- nginx access.log ---\n" + tail("logs/access.log", 15);
    }

    private String tail(String file, int lines) {
        try {
            List<String> all = Files.readAllLines(prefix.resolve(file), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /**
     * Stops NGINX (SIGTERM: fast shutdown of master and workers), keeps its config and logs in
     * {@code target/e2e/<name>-nginx/} and removes its prefix (the cache holds credentials).
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Path keep = Files.createDirectories(Path.of(System.getProperty("basedir", "."), "target", "e2e", name + "-nginx"));
            for (String f : List.of("nginx.conf", "logs/error.log", "logs/access.log", "logs/stdout.log")) {
                if (Files.exists(prefix.resolve(f))) {
                    Files.copy(prefix.resolve(f), keep.resolve(Path.of(f).getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            // only a copy for reading after a failure
        }
        try (var files = Files.walk(prefix)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the OS to clean
        }
    }
}
