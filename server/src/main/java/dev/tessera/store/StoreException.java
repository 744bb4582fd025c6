package dev.tessera.store;

import java.sql.SQLException;

/** A storage failure. Callers decide what it means; the response writer turns it into a bare server_error. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public static StoreException from(SQLException e) {
        return new StoreException("storage error (SQLState " + e.getSQLState() + ")", e);
    }

    /** SQLState 23505 is a unique-constraint violation on both H2 and PostgreSQL. */
    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
