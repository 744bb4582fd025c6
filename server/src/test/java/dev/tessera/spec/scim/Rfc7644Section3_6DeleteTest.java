package dev.tessera.spec.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tessera.testing.Http;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("rfc7644")
class Rfc7644Section3_6DeleteTest extends ScimSpecTest {

    @Test
    @DisplayName("RFC 7644 §3.6: DELETE → 204 without body; the user is gone from GET and from lists")
    void delete_removesUser() {
        String t = tenant();
        String id = createId(t, user("gone"));
        create(t, user("stays"));
        Http.Response r = scim("DELETE", t, "/Users/" + id).send().expectStatus(204);
        assertThat(r.body()).isEmpty();
        expectScimError(get(t, "/Users/" + id), 404, null);
        assertThat(userNames(get(t, "/Users").expectStatus(200))).containsExactly("stays");
    }

    @Test
    @DisplayName("RFC 7644 §3.6: deleting an unknown or already deleted user → 404")
    void delete_unknown_is404() {
        String t = tenant();
        String id = createId(t, user("twice"));
        scim("DELETE", t, "/Users/" + id).send().expectStatus(204);
        expectScimError(scim("DELETE", t, "/Users/" + id).send(), 404, null);
        expectScimError(scim("DELETE", t, "/Users/" + "x".repeat(200)).send(), 404, null);
    }

    @Test
    @DisplayName("RFC 7644 §3.6: the userName of a deleted user is free again")
    void delete_freesUserName() {
        String t = tenant();
        String id = createId(t, user("reuse"));
        scim("DELETE", t, "/Users/" + id).send().expectStatus(204);
        assertThat(createId(t, user("Reuse"))).isNotEqualTo(id);
    }
}
