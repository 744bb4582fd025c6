package dev.tessera.store;

import static dev.tessera.store.StoreData.T0;
import static dev.tessera.store.StoreData.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.audit.AuditEvent;
import dev.tessera.audit.AuditRepository;
import dev.tessera.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The documented behaviour of {@link AuditRepository}, on every database. */
abstract class AuditRepositoryContract extends StoreContract {
    private static final Instant EPOCH = Instant.EPOCH;
    private AuditRepository audit;

    @BeforeAll
    void repositories() {
        audit = new JdbcAuditRepository(jdbc);
    }

    @Test
    @DisplayName("AuditRepository: append then list returns every field with an assigned id")
    void appendThenList_roundTripsEveryField() {
        TenantId t = newTenant();
        AuditEvent e = StoreData.event(t, T0, "token.issued", "a");
        audit.append(List.of(e));
        List<AuditEvent> listed = audit.list(t, EPOCH, 0, 10);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).id()).isNotNull().isPositive();
        assertThat(listed).containsExactly(StoreData.withId(e, listed.get(0).id()));
    }

    @Test
    @DisplayName("AuditRepository: optional members (client, subject, correlation id, details) may be absent")
    void optionalMembers_roundTripAsNull() {
        TenantId t = newTenant();
        AuditEvent e = new AuditEvent(null, t.value(), T0, "tenant.created", AuditEvent.FAILURE, null, null, null, Map.of());
        audit.append(List.of(e));
        List<AuditEvent> listed = audit.list(t, EPOCH, 0, 10);
        assertThat(listed).containsExactly(StoreData.withId(e, listed.get(0).id()));
    }

    @Test
    @DisplayName("AuditRepository: appending nothing stores nothing")
    void appendEmpty_isNoOp() {
        TenantId t = newTenant();
        audit.append(List.of());
        assertThat(rows("audit_events", t)).isZero();
        assertThat(rows("audit_segments", t)).isZero();
    }

    @Test
    @DisplayName("AuditRepository: events are stored in segments of at most 256 events spanning at most a minute")
    void events_areStoredInBoundedSegments() {
        TenantId t = newTenant();
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) events.add(StoreData.event(t, T0.plusMillis(i), "e" + i, "c"));
        events.add(StoreData.event(t, T0.plusSeconds(120), "late", "c"));        // beyond the span of the last segment
        audit.append(events);
        assertThat(rows("audit_segments", t)).isEqualTo(4);                      // 256 + 256 + 88 + 1
        assertThat(rows("audit_events", t)).isZero();
        List<AuditEvent> listed = pageThrough(t, EPOCH, 1000);
        assertThat(listed).extracting(AuditEvent::type).containsExactlyElementsOf(events.stream().map(AuditEvent::type).toList());
        assertThat(listed).extracting(AuditEvent::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("AuditRepository: paging through many appends with events out of time order visits each event once, in order")
    void paging_acrossManySegments() {
        TenantId t = newTenant();
        java.util.Random random = new java.util.Random(7);
        List<AuditEvent> all = new ArrayList<>();
        for (int batch = 0; batch < 20; batch++) {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                events.add(StoreData.event(t, T0.plusMillis(batch * 1_000L + random.nextInt(3_000)), "b" + batch + "-" + i, "c"));
            }
            audit.append(events);
            all.addAll(events);
        }
        List<AuditEvent> everything = audit.list(t, EPOCH, 0, 1000);
        assertThat(everything).hasSize(all.size());
        assertThat(everything).extracting(AuditEvent::occurredAt).isSorted();
        for (int pageSize : new int[] {1, 7, 50}) {
            assertThat(pageThrough(t, EPOCH, pageSize)).as("page size " + pageSize).isEqualTo(everything);
        }
        Instant since = T0.plusMillis(9_500);
        assertThat(pageThrough(t, since, 13)).isEqualTo(everything.stream().filter(e -> !e.occurredAt().isBefore(since)).toList());
    }

    @Test
    @DisplayName("AuditRepository: rows of the one-row-per-event table (earlier releases) are listed and paged with the segments")
    void legacyRows_areMergedIn() {
        TenantId t = newTenant();
        jdbc.update("INSERT INTO audit_events (tenant_id, occurred_at, event_type, outcome, client_id, subject, correlation_id, "
                + "details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", t.value(), at(6).toEpochMilli(), "legacy@6", "success", "c", null,
                "r1", "{\"k\":\"v\"}");
        audit.append(outOfOrder(t));
        List<AuditEvent> all = audit.list(t, EPOCH, 0, 100);
        assertThat(all).extracting(AuditEvent::type).containsExactly("e2@5", "legacy@6", "e4@7", "e1@10", "e3@10", "e5@20");
        assertThat(all.get(1).details()).containsEntry("k", "v");
        assertThat(all.get(1).id()).isLessThan(all.get(0).id());
        for (int pageSize = 1; pageSize <= 3; pageSize++) {
            assertThat(pageThrough(t, EPOCH, pageSize)).as("page size " + pageSize).isEqualTo(all);
        }
    }

    @Test
    @DisplayName("AuditRepository: ids grow in append order, across batches")
    void ids_growInAppendOrder() {
        TenantId t = newTenant();
        audit.append(List.of(StoreData.event(t, T0, "a", "1"), StoreData.event(t, T0, "b", "2")));
        audit.append(List.of(StoreData.event(t, T0, "c", "3")));
        List<AuditEvent> listed = audit.list(t, EPOCH, 0, 10);
        assertThat(listed).extracting(AuditEvent::type).containsExactly("a", "b", "c");
        assertThat(listed).extracting(AuditEvent::id).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("AuditRepository: list is oldest first, whatever the append order; ties by id")
    void list_isOldestFirst() {
        TenantId t = newTenant();
        audit.append(outOfOrder(t));
        assertThat(audit.list(t, EPOCH, 0, 10)).extracting(AuditEvent::type)
                .containsExactly("e2@5", "e4@7", "e1@10", "e3@10", "e5@20");
    }

    @Test
    @DisplayName("AuditRepository: since keeps events at or after it")
    void since_isInclusive() {
        TenantId t = newTenant();
        audit.append(outOfOrder(t));
        assertThat(audit.list(t, at(7), 0, 10)).extracting(AuditEvent::type).containsExactly("e4@7", "e1@10", "e3@10", "e5@20");
        assertThat(audit.list(t, at(7).plusMillis(1), 0, 10)).extracting(AuditEvent::type)
                .containsExactly("e1@10", "e3@10", "e5@20");
        assertThat(audit.list(t, at(21), 0, 10)).isEmpty();
    }

    @Test
    @DisplayName("AuditRepository: limit bounds the page, keeping the oldest events")
    void limit_boundsThePage() {
        TenantId t = newTenant();
        audit.append(outOfOrder(t));
        assertThat(audit.list(t, EPOCH, 0, 1)).extracting(AuditEvent::type).containsExactly("e2@5");
        assertThat(audit.list(t, EPOCH, 0, 3)).extracting(AuditEvent::type).containsExactly("e2@5", "e4@7", "e1@10");
    }

    @Test
    @DisplayName("AuditRepository: afterId continues after that event: paging visits every event once, in order")
    void afterId_pagesThroughEveryEventOnce() {
        TenantId t = newTenant();
        audit.append(outOfOrder(t));
        List<AuditEvent> all = audit.list(t, EPOCH, 0, 100);
        for (int pageSize = 1; pageSize <= 3; pageSize++) {
            assertThat(pageThrough(t, EPOCH, pageSize)).as("page size " + pageSize).isEqualTo(all);
        }
        assertThat(pageThrough(t, at(7), 2)).isEqualTo(all.subList(1, all.size()));
    }

    @Test
    @DisplayName("AuditRepository: afterId of the last event gives an empty page")
    void afterIdOfLast_isEmpty() {
        TenantId t = newTenant();
        audit.append(outOfOrder(t));
        List<AuditEvent> all = audit.list(t, EPOCH, 0, 100);
        assertThat(audit.list(t, EPOCH, all.get(all.size() - 1).id(), 100)).isEmpty();
    }

    @Test
    @DisplayName("AuditRepository: an afterId that is not the tenant's event keeps the tenant's events with larger ids")
    void afterIdOfAnotherTenant_fallsBackToIdOrder() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        audit.append(List.of(StoreData.event(a, at(9), "a-before", "a")));
        audit.append(List.of(StoreData.event(b, at(1), "b", "b")));
        audit.append(List.of(StoreData.event(a, at(2), "a-after", "a")));
        long foreignId = audit.list(b, EPOCH, 0, 10).get(0).id();
        assertThat(audit.list(a, EPOCH, foreignId, 10)).extracting(AuditEvent::type).containsExactly("a-after");
    }

    @Test
    @DisplayName("AuditRepository: list returns only the tenant's events")
    void list_isPerTenant() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        audit.append(List.of(StoreData.event(a, T0, "x", "a"), StoreData.event(b, T0, "x", "b"),
                StoreData.event(a, at(1), "y", "a")));
        assertThat(audit.list(a, EPOCH, 0, 10)).extracting(AuditEvent::tenant).containsOnly(a.value()).hasSize(2);
        assertThat(audit.list(b, EPOCH, 0, 10)).extracting(AuditEvent::clientId).containsExactly("client-b");
    }

    @Test
    @DisplayName("AuditRepository: purgeBefore deletes the tenant's events older than the cutoff, keeps newer ones and other tenants'")
    void purgeBefore_deletesOnlyOlderEventsOfTheTenant() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        audit.append(List.of(StoreData.event(a, at(0), "old1", "a"), StoreData.event(a, at(30), "old2", "a")));
        audit.append(List.of(StoreData.event(a, at(200), "new", "a")));
        audit.append(List.of(StoreData.event(b, at(0), "other", "b")));
        jdbc.update("INSERT INTO audit_events (tenant_id, occurred_at, event_type, outcome, client_id, subject, correlation_id, "
                + "details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", a.value(), at(5).toEpochMilli(), "legacy", "success", "c", null,
                "r1", "{}");
        assertThat(audit.tenantsWithEventsBefore(at(100))).contains(a, b);
        assertThat(audit.purgeBefore(a, at(100), 100)).isEqualTo(2);
        assertThat(audit.list(a, EPOCH, 0, 10)).extracting(AuditEvent::type).containsExactly("new");
        assertThat(audit.list(b, EPOCH, 0, 10)).extracting(AuditEvent::type).containsExactly("other");
        assertThat(audit.purgeBefore(a, at(100), 100)).as("nothing left to purge").isZero();
        assertThat(audit.tenantsWithEventsBefore(at(100))).doesNotContain(a).contains(b);
    }

    @Test
    @DisplayName("AuditRepository: a stored batch with any event at or after the cutoff is kept whole")
    void purgeBefore_keepsABatchThatSpansTheCutoff() {
        TenantId t = newTenant();
        audit.append(List.of(StoreData.event(t, at(0), "before", "a"), StoreData.event(t, at(40), "after", "a")));
        assertThat(audit.purgeBefore(t, at(20), 100)).isZero();
        assertThat(audit.list(t, EPOCH, 0, 10)).hasSize(2);
        assertThat(audit.purgeBefore(t, at(41), 100)).isEqualTo(1);
        assertThat(audit.list(t, EPOCH, 0, 10)).isEmpty();
    }

    @Test
    @DisplayName("AuditRepository: purgeBefore deletes at most about limit rows per call")
    void purgeBefore_isBounded() {
        TenantId t = newTenant();
        for (int i = 0; i < 5; i++) audit.append(List.of(StoreData.event(t, at(i * 100), "e" + i, "a")));
        assertThat(audit.purgeBefore(t, at(10_000), 2)).isEqualTo(2);
        assertThat(audit.list(t, EPOCH, 0, 10)).hasSize(3);
        assertThat(audit.purgeBefore(t, at(10_000), 2)).isEqualTo(2);
        assertThat(audit.purgeBefore(t, at(10_000), 2)).isEqualTo(1);
        assertThat(audit.list(t, EPOCH, 0, 10)).isEmpty();
    }

    /** Appended in this order; the type names the event and its time (seconds after T0). */
    private static List<AuditEvent> outOfOrder(TenantId t) {
        return List.of(StoreData.event(t, at(10), "e1@10", "1"), StoreData.event(t, at(5), "e2@5", "2"),
                StoreData.event(t, at(10), "e3@10", "3"), StoreData.event(t, at(7), "e4@7", "4"),
                StoreData.event(t, at(20), "e5@20", "5"));
    }

    /** Follows the pages as the admin API's {@code next} link does: same since, after = last id of the page. */
    private List<AuditEvent> pageThrough(TenantId t, Instant since, int pageSize) {
        List<AuditEvent> out = new ArrayList<>();
        long after = 0;
        for (int guard = 0; guard < 10_000; guard++) {
            List<AuditEvent> page = audit.list(t, since, after, pageSize);
            out.addAll(page);
            if (page.size() < pageSize) return out;
            after = page.get(page.size() - 1).id();
        }
        throw new AssertionError("paging did not end");
    }
}
