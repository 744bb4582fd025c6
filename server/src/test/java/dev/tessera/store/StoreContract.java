package dev.tessera.store;

import dev.tessera.tenant.TenantId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the store contract suites: one fresh, migrated database per test class (H2 or PostgreSQL,
 * chosen by the concrete subclass) and a fresh tenant id per use, so tests never share state.
 * Tests of cross-tenant maintenance methods open a database of their own with {@link #openDatabase()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
    private final AtomicInteger tenantCounter = new AtomicInteger();
    protected Database db;
    protected Jdbc jdbc;

    /** A fresh, migrated database; the caller closes it. */
    protected abstract Database openDatabase();

    @BeforeAll
    void openClassDatabase() {
        db = openDatabase();
        jdbc = db.jdbc();
    }

    @AfterAll
    void closeClassDatabase() {
        if (db != null) db.close();
    }

    /** A tenant id no other test of this class uses. */
    protected TenantId newTenant() {
        return new TenantId("t" + tenantCounter.incrementAndGet());
    }

    /** Rows of {@code table} belonging to the tenant, counted behind the repositories' backs. */
    protected long rows(String table, TenantId tenant) {
        return jdbc.queryOne("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", rs -> rs.getLong(1), tenant.value())
                .orElseThrow();
    }
}
