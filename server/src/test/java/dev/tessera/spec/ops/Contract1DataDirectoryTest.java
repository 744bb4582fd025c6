package dev.tessera.spec.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.server.Config;
import dev.tessera.server.Setting;
import dev.tessera.server.Tessera;
import dev.tessera.testing.Http;
import dev.tessera.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's data directory (CONTRACT §1; issue 9, items 2 and 8): owner-only modes, one
 * process at a time, and a master key that is never silently replaced over existing data.
 */
@Tag("contract")
class Contract1DataDirectoryTest {
    private static final String SECRET = "data-directory-test-admin-secret-0123456789";

    private static Tessera start(Path dataDir) {
        Map<Setting, String> s = new EnumMap<>(Setting.class);
        s.put(Setting.HTTP_PORT, "0");
        s.put(Setting.DATA_DIR, dataDir.toString());
        s.put(Setting.ADMIN_CLIENT_SECRET, SECRET);
        return Tessera.start(Config.of(s), Clock.systemUTC(), null);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    @DisplayName("Issue 9 §8: a new data directory is 0700, and the database, master key and lock files 0600")
    void newDirectory_isOwnerOnly() throws Exception {
        Path data = Files.createTempDirectory("tessera-dd").resolve("data");
        try (Tessera t = start(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(files(data)).extracting(p -> p.getFileName().toString())
                    .contains("tessera.mv.db", "master.key", "tessera.lock");
            for (Path f : files(data)) assertThat(mode(f)).as("mode of %s", f).isEqualTo("rw-------");
            assertThat(Files.readString(data.resolve("master.key")).trim()).hasSize(44);   // 32 bytes, base64
        }
    }

    @Test
    @DisplayName("Issue 9 §8: a data directory and files left readable by others are tightened at start")
    void existingReadableFiles_areTightened() throws Exception {
        Path data = Files.createTempDirectory("tessera-dd").resolve("data");
        start(data).close();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path f : files(data)) Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        try (Tessera t = start(data)) {
            assertThat(mode(data)).isEqualTo("rwx------");
            for (Path f : files(data)) assertThat(mode(f)).as("mode of %s", f).isEqualTo("rw-------");
        }
    }

    @Test
    @DisplayName("Issue 9 §2: a missing master key over a database that holds data stops the start; the data is untouched")
    void missingMasterKey_withExistingData_refusesToStart() throws Exception {
        Path data = Files.createTempDirectory("tessera-dd").resolve("data");
        String[] client;
        try (Tessera t = start(data)) {
            client = register(t);
        }
        Path key = data.resolve("master.key");
        Path saved = Files.move(key, data.resolveSibling("master.key.saved"));
        assertThatThrownBy(() -> start(data)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master.key").hasMessageContaining("missing").hasMessageContaining("Refusing");
        assertThat(key).as("no new key written").doesNotExist();
        Files.move(saved, key);
        try (Tessera t = start(data)) {
            new Http("http://127.0.0.1:" + t.port()).post("/t/system/token").basicAuth(client[0], client[1])
                    .form("grant_type", "client_credentials").send().expectStatus(200);   // its secret hash still matches
        }
    }

    @Test
    @DisplayName("Issue 9 §2: a master key whose database is gone stops the start (no silent empty restart); removing the key starts afresh")
    void missingDatabase_withMasterKey_refusesToStart() throws Exception {
        Path data = Files.createTempDirectory("tessera-dd").resolve("data");
        start(data).close();
        Path db = data.resolve("tessera.mv.db");
        Files.move(db, data.resolveSibling("tessera.mv.db.saved"));
        assertThatThrownBy(() -> start(data)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("master.key").hasMessageContaining("no database");
        assertThat(db).as("no empty database created").doesNotExist();
        Files.delete(data.resolve("master.key"));
        start(data).close();                                   // the operator's explicit choice: empty storage
        assertThat(db).exists();
    }

    @Test
    @DisplayName("Issue 9 §2: a second process on a data directory in use exits 1, naming the holder's pid")
    void secondProcess_onTheSameDirectory_exitsNamingTheHolder() throws Exception {
        Path data = Files.createTempDirectory("tessera-dd").resolve("data");
        try (Tessera t = start(data); ServerProcess second = ServerProcess.start(data, ServerProcess.freePort(), Map.of())) {
            assertThat(second.awaitExit(Duration.ofSeconds(120))).as("exit code; stderr: %s", second.stderrText()).isEqualTo(1);
            assertThat(second.stderrText()).contains("is in use by another Tessera process")
                    .contains("pid " + ProcessHandle.current().pid()).contains(data.toString());
            assertThat(t.database().isReachable()).as("the holder keeps serving").isTrue();
        }
    }

    /** Registers a client credentials client; its id and secret. */
    private static String[] register(Tessera t) {
        Http http = new Http("http://127.0.0.1:" + t.port());
        String admin = http.post("/t/system/token").basicAuth("tessera-admin", SECRET)
                .form("grant_type", "client_credentials", "scope", "admin").send().expectStatus(200).string("access_token");
        Http.Response r = http.post("/t/system/register").bearer(admin)
                .json("{\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}").send().expectStatus(201);
        return new String[] {r.string("client_id"), r.string("client_secret")};
    }
}
