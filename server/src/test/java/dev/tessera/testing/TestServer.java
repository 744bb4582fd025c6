package dev.tessera.testing;

import dev.tessera.server.Config;
import dev.tessera.server.Setting;
import dev.tessera.server.Tessera;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * A real Tessera on a random loopback port with a private in-memory H2 database (or any JDBC URL),
 * a known admin secret and a hand-moved clock.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_ID = "tessera-admin";
    public static final String ADMIN_SECRET = "test-admin-secret-0123456789abcdefghijklmnopq";

    public final MutableClock clock;
    public final Tessera tessera;
    public final String baseUrl;
    public final Path dataDir;

    private TestServer(MutableClock clock, Tessera tessera, Path dataDir) {
        this.clock = clock;
        this.tessera = tessera;
        this.baseUrl = "http://127.0.0.1:" + tessera.port();
        this.dataDir = dataDir;
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** Starts with extra settings (e.g. {@code DB_URL} of a PostgreSQL database). */
    public static TestServer start(Map<Setting, String> extra) {
        return start(extra, dev.tessera.server.Extensions.NONE);
    }

    /** Starts with extra settings and extensions (claim sources, …). */
    public static TestServer start(Map<Setting, String> extra, dev.tessera.server.Extensions extensions) {
        try {
            Path dir = Files.createTempDirectory("tessera-test");
            Map<Setting, String> s = new EnumMap<>(Setting.class);
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();                     // a real port, so issuers carry it
            }
            s.put(Setting.HTTP_PORT, Integer.toString(port));
            s.put(Setting.DATA_DIR, dir.toString());
            s.put(Setting.DB_URL, "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            s.put(Setting.MASTER_KEY, Base64.getEncoder().encodeToString(new byte[32]));
            s.put(Setting.ADMIN_CLIENT_SECRET, ADMIN_SECRET);
            s.putAll(extra);
            MutableClock clock = MutableClock.startingNow();
            Tessera t = Tessera.start(Config.of(s), clock, null, extensions);
            return new TestServer(clock, t, dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer(String tenant) {
        return baseUrl + "/t/" + tenant;
    }

    @Override
    public void close() {
        tessera.close();
    }
}
