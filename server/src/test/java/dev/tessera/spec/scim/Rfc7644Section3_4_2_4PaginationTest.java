package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Paging of GET /Users over 205 users in one tenant (no test changes them). */
@Tag("rfc7644")
class Rfc7644Section3_4_2_4PaginationTest extends ScimSpecTest {
    private static final int USERS = 205;
    private String t;

    @BeforeAll
    void users() {
        t = tenant();
        for (int i = 0; i < USERS; i++) create(t, user(String.format("user%03d", i)));
    }

    private Map<String, Object> page(String query) {
        Http.Response r = get(t, "/Users?" + query).expectStatus(200);
        return r.json();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("Resources")).stream().map(u -> u.get("id")).toList();
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.4: startIndex (1-based) and count select a page; the ListResponse says where it is")
    void pages() {
        Map<String, Object> first = page("startIndex=1&count=2");
        assertThat(first.get("totalResults")).isEqualTo((long) USERS);
        assertThat(first.get("itemsPerPage")).isEqualTo(2L);
        assertThat(first.get("startIndex")).isEqualTo(1L);
        Map<String, Object> second = page("startIndex=3&count=2");
        assertThat(second.get("startIndex")).isEqualTo(3L);
        Map<String, Object> both = page("startIndex=1&count=4");
        List<Object> expected = new ArrayList<>(ids(first));
        expected.addAll(ids(second));
        assertThat(ids(both)).isEqualTo(expected);
        assertThat(ids(both)).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.4: the last page holds what remains; beyond it, no resources but the total")
    void lastPage() {
        Map<String, Object> last = page("startIndex=" + (USERS - 1) + "&count=10");
        assertThat(last.get("itemsPerPage")).isEqualTo(2L);
        Map<String, Object> beyond = page("startIndex=" + (USERS + 10) + "&count=10");
        assertThat(beyond.get("itemsPerPage")).isEqualTo(0L);
        assertThat(beyond.get("totalResults")).isEqualTo((long) USERS);
        assertThat(ids(beyond)).isEmpty();
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.4: startIndex < 1 is read as 1; a negative count as 0; count=0 returns only the total")
    void outOfRangeValues() {
        assertThat(ids(page("startIndex=0&count=3"))).isEqualTo(ids(page("startIndex=1&count=3")));
        assertThat(page("startIndex=-7&count=3").get("startIndex")).isEqualTo(1L);
        Map<String, Object> none = page("count=0");
        assertThat(none.get("totalResults")).isEqualTo((long) USERS);
        assertThat(none.get("itemsPerPage")).isEqualTo(0L);
        assertThat(page("count=-5").get("itemsPerPage")).isEqualTo(0L);
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.4: count is capped at the server's maximum (200, as /ServiceProviderConfig says)")
    void countIsCapped() {
        assertThat(page("count=100000").get("itemsPerPage")).isEqualTo(200L);
        assertThat(page("").get("itemsPerPage")).isEqualTo(100L);
        Map<?, ?> filter = (Map<?, ?>) get(t, "/ServiceProviderConfig").expectStatus(200).json().get("filter");
        assertThat(filter.get("maxResults")).isEqualTo(200L);
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.4: a non-integer startIndex or count → 400 invalidValue")
    void nonInteger() {
        expectScimError(get(t, "/Users?count=ten"), 400, "invalidValue");
        expectScimError(get(t, "/Users?startIndex=1.5"), 400, "invalidValue");
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.4: paging applies after the filter")
    void pagingWithFilter() {
        Map<String, Object> p = page("filter=userName%20sw%20%22user01%22&startIndex=2&count=3");
        assertThat(p.get("totalResults")).isEqualTo(10L);
        assertThat(p.get("itemsPerPage")).isEqualTo(3L);
    }
}
