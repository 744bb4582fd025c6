package dev.tessera.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.server.Setting;
import dev.tessera.testing.Http;
import dev.tessera.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The README's PostgreSQL start: Tessera starts on an empty PostgreSQL database and serves tokens. */
@Tag("postgres")
class PostgresStartTest {
    @Test
    @DisplayName("CONTRACT §1: TESSERA_DB_URL=jdbc:postgresql://… starts on an empty database (NULL binds included)")
    void startsOnEmptyPostgres() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (TestServer server = TestServer.start(Map.of(Setting.DB_URL, url, Setting.DB_USER, "postgres"))) {
                Http http = new Http(server.baseUrl);
                http.get("/health/ready").send().expectStatus(200);
                String token = http.post("/t/system/token").basicAuth(TestServer.ADMIN_ID, TestServer.ADMIN_SECRET)
                        .form("grant_type", "client_credentials", "scope", "admin").send().expectStatus(200)
                        .string("access_token");
                assertThat(token).isNotBlank();
            }
        }
    }
}
