package dev.tessera.store;

import org.junit.jupiter.api.Tag;

@Tag("postgres")
class AuditRepositoryPostgresTest extends AuditRepositoryContract {
    @Override
    protected Database openDatabase() { return StoreFixture.postgres(); }
}
