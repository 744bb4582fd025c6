package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
class Rfc7644Section6TenantIsolationTest extends ScimSpecTest {

    @Test
    @DisplayName("RFC 7644 §6 / CONTRACT §2: a user of one tenant is unknown to every other")
    void usersAreInvisibleAcrossTenants() {
        String a = tenant();
        String b = tenant();
        String id = createId(a, user("shared-name", "\"externalId\":\"x1\"", "\"emails\":[{\"value\":\"s@example.com\"}]"));
        expectScimError(get(b, "/Users/" + id), 404, null);
        assertThat(get(b, "/Users").json().get("totalResults")).isEqualTo(0L);
        assertThat(userNames(get(b, "/Users?filter=userName%20eq%20%22shared-name%22"))).isEmpty();
        assertThat(userNames(get(b, "/Users?filter=emails%20co%20%22s@%22%20or%20externalId%20eq%20%22x1%22%20or%20id%20eq%20%22" + id + "%22")))
                .isEmpty();
        expectScimError(send("PUT", b, "/Users/" + id, user("hijacked")), 404, null);
        expectScimError(send("PATCH", b, "/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")), 404, null);
        expectScimError(scim("DELETE", b, "/Users/" + id).send(), 404, null);
        Map<String, Object> still = get(a, "/Users/" + id).expectStatus(200).json();
        assertThat(still.get("userName")).isEqualTo("shared-name");
        assertThat(still.get("active")).isEqualTo(true);
        assertThat(((Map<?, ?>) still.get("meta")).get("version")).isEqualTo("W/\"1\"");
    }

    @Test
    @DisplayName("RFC 7644 §6: userName is unique per tenant only; meta.location is under each tenant's issuer")
    void sameUserNameInTwoTenants() {
        String a = tenant();
        String b = tenant();
        Map<String, Object> ua = create(a, user("same"));
        Map<String, Object> ub = create(b, user("SAME"));
        assertThat(ua.get("id")).isNotEqualTo(ub.get("id"));
        assertThat((String) ((Map<?, ?>) ub.get("meta")).get("location")).startsWith(issuer(b) + "/scim/v2/Users/");
    }
}
