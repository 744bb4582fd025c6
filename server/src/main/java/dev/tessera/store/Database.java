package dev.tessera.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and schema migrations: H2 (file or memory) by default, PostgreSQL by URL. Writes
 * through {@link #jdbc()} are durable before they return (see {@link GroupSync}).
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final GroupSync sync;

    public enum Dialect { H2, POSTGRESQL }

    private Database(HikariDataSource dataSource, Dialect dialect, GroupSync sync) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.sync = sync;
    }

    /** Embedded H2 file database in {@code dataDir}. */
    public static Database embedded(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("tessera")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
        return open(url, "sa", "", 16);
    }

    /** A private in-memory H2 database (tests). */
    public static Database inMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "", 16);
    }

    public static Database open(String url, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password == null ? "" : password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("tessera");
        cfg.setConnectionTimeout(10_000);
        cfg.setAutoCommit(true);
        Dialect dialect = url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRESQL : Dialect.H2;
        HikariDataSource ds = new HikariDataSource(cfg);
        // an H2 database with files (embedded, or any file/server URL) needs the sync after commits
        boolean h2Files = dialect == Dialect.H2 && !url.startsWith("jdbc:h2:mem:");
        GroupSync sync = h2Files ? GroupSync.h2(ds) : GroupSync.NONE;
        try {
            sync.awaitDurable();     // at start, not at the first write: CHECKPOINT SYNC needs an admin user
        } catch (StoreException e) {
            ds.close();
            throw new IllegalStateException("Cannot sync the H2 database " + url.replaceAll(";.*", "") + " (CHECKPOINT SYNC, "
                    + "which makes answered writes durable, needs an H2 admin user): " + e.getCause().getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            UserNameKeys.rekey(new Jdbc(ds));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        sync.awaitDurable();         // the migrations too (Flyway commits on its own connections)
        return new Database(ds, dialect, sync);
    }

    public DataSource dataSource() { return dataSource; }

    public Dialect dialect() { return dialect; }

    /** JDBC whose writes return once durable. */
    public Jdbc jdbc() { return new Jdbc(dataSource, sync); }

    public GroupSync groupSync() { return sync; }

    /** True when the database holds a tenant: data written (hashed, encrypted) under some master key. */
    public boolean holdsData() {
        return jdbc().queryOne("SELECT 1 FROM tenants FETCH FIRST 1 ROWS ONLY", rs -> Boolean.TRUE).isPresent();
    }

    /** True when a trivial query succeeds: the readiness probe. */
    public boolean isReachable() {
        try (var c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("SELECT 1");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
