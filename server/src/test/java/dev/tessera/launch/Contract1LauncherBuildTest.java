package dev.tessera.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import dev.tessera.testing.ServerProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tessera build} never overwrites the jar a running server uses (issue 9, item 9). The test
 * runs the real launcher script in a scratch checkout whose {@code ./mvnw} stands in for Maven: it
 * rewrites {@code server/target/tessera-server.jar} in place, as the jar plugin does, with a jar of
 * the same classes laid out differently (stored instead of deflated), so that a server still reading
 * the old file would find its entries at the wrong offsets.
 */
class Contract1LauncherBuildTest {
    private static final Duration READY = Duration.ofSeconds(90);

    @Test
    @DisplayName("Issue 9 §9: a server started by ./tessera start keeps working across ./tessera build")
    void runningServer_survivesARebuild() throws Exception {
        Path checkout = Files.createTempDirectory("tessera-checkout");
        Files.copy(Path.of(System.getProperty("user.dir")).getParent().resolve("tessera"), checkout.resolve("tessera"));
        Files.setPosixFilePermissions(checkout.resolve("tessera"), PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(checkout.resolve("server/src/main"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.writeString(checkout.resolve("server/pom.xml"), "<project/>");
        Path jars = Files.createTempDirectory("tessera-jars");
        Path deflated = serverJar(jars.resolve("deflated.jar"), ZipEntry.DEFLATED);
        Path stored = serverJar(jars.resolve("stored.jar"), ZipEntry.STORED);
        Path source = jars.resolve("next.jar");
        Files.copy(deflated, source);
        Path mvnw = checkout.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\nset -e\nmkdir -p server/target/lib\n"
                + "cat '" + source + "' > server/target/tessera-server.jar\n");   // in place, like the jar plugin
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwx------"));

        assertThat(run(checkout, "build")).isZero();
        String firstBuild = Files.readString(checkout.resolve(".tessera/current")).trim();
        Path data = Files.createTempDirectory("tessera-launcher-data");
        int port = ServerProcess.freePort();
        ProcessBuilder pb = new ProcessBuilder("./tessera", "start", "--http-port", Integer.toString(port)).directory(checkout.toFile())
                .redirectOutput(data.resolveSibling(data.getFileName() + ".out").toFile())
                .redirectError(data.resolveSibling(data.getFileName() + ".err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TESSERA_"));
        pb.environment().put("TESSERA_DATA_DIR", data.toString());
        pb.environment().put("TESSERA_ADMIN_CLIENT_SECRET", ServerProcess.ADMIN_SECRET);
        pb.environment().put("JAVA_OPTS", "-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1");
        Process server = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            assertThat(awaitReady(server, base)).as("ready").isTrue();
            Http http = new Http(base);
            String token = adminToken(http);

            Files.copy(stored, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(run(checkout, "build")).isZero();
            String secondBuild = Files.readString(checkout.resolve(".tessera/current")).trim();
            assertThat(secondBuild).isNotEqualTo(firstBuild);
            assertThat(checkout.resolve(".tessera/builds/" + firstBuild + "/tessera-server.jar"))
                    .as("the running server's build is kept").exists();

            // requests that load classes the server had not needed yet, then the ones it had
            http.get("/t/system/.well-known/openid-configuration").send().expectStatus(200);
            http.get("/t/system/jwks").send().expectStatus(200);
            http.post("/t/system/introspect").basicAuth("tessera-admin", ServerProcess.ADMIN_SECRET).form("token", token).send()
                    .expectStatus(200);
            http.post("/t/system/revoke").basicAuth("tessera-admin", ServerProcess.ADMIN_SECRET).form("token", token).send()
                    .expectStatus(200);
            adminToken(http);
            assertThat(server.isAlive()).isTrue();
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
        assertThat(run(checkout, "build")).isZero();
        try (Stream<Path> builds = Files.list(checkout.resolve(".tessera/builds"))) {
            assertThat(builds.map(p -> p.getFileName().toString()).toList()).as("once it stopped, only the current build is left")
                    .containsExactly(Files.readString(checkout.resolve(".tessera/current")).trim());
        }
    }

    private static String adminToken(Http http) {
        return http.post("/t/system/token").basicAuth("tessera-admin", ServerProcess.ADMIN_SECRET)
                .form("grant_type", "client_credentials", "scope", "admin").send().expectStatus(200).string("access_token");
    }

    private static boolean awaitReady(Process p, String base) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (ServerProcess.status(base + "/health/ready") == 200) return true;
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        return false;
    }

    private static int run(Path checkout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("./tessera"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(checkout.toFile()).inheritIO().start();
        return p.waitFor(120, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /**
     * A runnable server jar: the classes and resources of {@code target/classes}, and a manifest whose
     * Class-Path names the dependency jars of this test run (absolute URLs).
     */
    private static Path serverJar(Path jar, int method) throws IOException {
        List<String> classPath = new ArrayList<>();
        Path classes = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.endsWith(Path.of("target", "classes"))) classes = p;
            else if (entry.endsWith(".jar")) classPath.add(p.toUri().toString());
        }
        assertThat(classes).as("target/classes on the class path").isNotNull();
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.tessera.server.Main");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        Path root = classes;
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, m);
             Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(f -> !f.equals(root)).sorted()::iterator) {
                if (Files.isDirectory(f)) {       // directory entries: Flyway finds db/migration through them
                    out.putNextEntry(new JarEntry(root.relativize(f).toString().replace(File.separatorChar, '/') + "/"));
                    out.closeEntry();
                    continue;
                }
                byte[] bytes = Files.readAllBytes(f);
                JarEntry e = new JarEntry(root.relativize(f).toString().replace(File.separatorChar, '/'));
                e.setMethod(method);
                if (method == ZipEntry.STORED) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(bytes);
                    e.setSize(bytes.length);
                    e.setCompressedSize(bytes.length);
                    e.setCrc(crc.getValue());
                }
                out.putNextEntry(e);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return jar;
    }
}
