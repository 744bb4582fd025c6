package dev.tessera.spec.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.spec.token.TokenSpecTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §7 tenant setting {@code auditRetentionDays} (default 90, 1–3650): the maintenance job
 * deletes a tenant's audit events once they are older, and only that tenant's. The clock is moved,
 * the purge run at once as the scheduler would. Issue 9 item 7.
 */
@Tag("contract")
class Contract7AuditRetentionTest extends TokenSpecTest {
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String tenant) {
        server.tessera.audit().flush();
        return (List<Map<String, Object>>) http.get("/admin/v1/tenants/" + tenant + "/audit-events?limit=1000").bearer(adminToken())
                .send().expectStatus(200).json().get("events");
    }

    private long tokensIssued(String tenant) {
        return events(tenant).stream().filter(e -> "token.issued".equals(e.get("type"))).count();
    }

    @Test
    @DisplayName("CONTRACT §7: auditRetentionDays defaults to 90 and round-trips")
    void retention_defaultsTo90() {
        String t = freshTenant("retention");
        Map<String, Object> m = http.get("/admin/v1/tenants/" + t).bearer(adminToken()).send().expectStatus(200).json();
        assertThat(((Number) m.get("auditRetentionDays")).intValue()).isEqualTo(90);
        String short1 = freshTenant("retention", "\"auditRetentionDays\":1");
        Map<String, Object> s = http.get("/admin/v1/tenants/" + short1).bearer(adminToken()).send().expectStatus(200).json();
        assertThat(((Number) s.get("auditRetentionDays")).intValue()).isEqualTo(1);
    }

    @Test
    @DisplayName("CONTRACT §7: events older than the tenant's retention are purged; newer ones and other tenants' stay")
    void oldEvents_arePurgedPerTenant() {
        String shortLived = freshTenant("retention", "\"auditRetentionDays\":1");
        String longLived = freshTenant("retention", "\"auditRetentionDays\":3");
        RegisteredClient a = serviceClient(shortLived, "opaque");
        RegisteredClient b = serviceClient(longLived, "opaque");
        clientCredentialsToken(shortLived, a);
        clientCredentialsToken(longLived, b);
        events(shortLived);

        server.clock.advance(Duration.ofDays(1).plusMinutes(2));
        clientCredentialsToken(shortLived, a);
        server.tessera.purgeNow();
        assertThat(tokensIssued(shortLived)).as("the day-old event went, the new one stays").isEqualTo(1);
        assertThat(tokensIssued(longLived)).as("a tenant keeping 3 days keeps it").isEqualTo(1);

        server.clock.advance(Duration.ofDays(2));
        server.tessera.purgeNow();
        assertThat(tokensIssued(longLived)).as("after 3 days it goes too").isZero();
        assertThat(tokensIssued(shortLived)).as("2 days later the second event is past 1 day as well").isZero();
    }

    @Test
    @DisplayName("CONTRACT §7: within the retention nothing is purged")
    void recentEvents_stay() {
        String t = freshTenant("retention");
        clientCredentialsToken(t, serviceClient(t, "opaque"));
        events(t);
        server.clock.advance(Duration.ofDays(89));
        server.tessera.purgeNow();
        assertThat(tokensIssued(t)).isEqualTo(1);
    }
}
