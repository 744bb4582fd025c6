package dev.tessera.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC, minus the ceremony. Driver errors become {@link StoreException}. Every write returns
 * only once it is durable ({@link GroupSync}): what a caller answers after a write survives a crash.
 */
public final class Jdbc {
    private final DataSource ds;
    private final GroupSync sync;

    public Jdbc(DataSource ds) {
        this(ds, GroupSync.NONE);
    }

    public Jdbc(DataSource ds, GroupSync sync) {
        this.ds = ds;
        this.sync = sync;
    }

    /**
     * The same database without the wait for durability, for writers nobody waits for (audit batches):
     * their rows become durable with the next sync, and a crash loses their in-memory queue anyway.
     */
    public Jdbc withoutSync() {
        return new Jdbc(ds, GroupSync.NONE);
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs one statement in its own transaction; returns its update count once a change is durable. */
    public int update(String sql, Object... params) {
        int count;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            count = ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreException.from(e);
        }
        if (count > 0) sync.awaitDurable();      // nothing changed, nothing to make durable
        return count;
    }

    /** Inserts; returns false instead of failing when a unique key already holds the row. */
    public boolean insertIfAbsent(String sql, Object... params) {
        boolean inserted;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            inserted = ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (StoreException.isUniqueViolation(e)) return false;
            throw StoreException.from(e);
        }
        if (inserted) sync.awaitDurable();
        return inserted;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw StoreException.from(e);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs {@code work} in one transaction; returns once the commit is durable. */
    public <T> T inTransaction(TxWork<T> work) {
        T result = inTransactionNoSync(work);
        sync.awaitDurable();
        return result;
    }

    private <T> T inTransactionNoSync(TxWork<T> work) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw StoreException.from(e);
        }
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                // untyped: a VARCHAR null is refused by PostgreSQL for BIGINT columns (no implicit cast)
                ps.setNull(i + 1, Types.NULL);
            } else if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else {
                ps.setString(i + 1, p.toString());
            }
        }
    }

    /** A nullable BIGINT column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
