package dev.tessera.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8265 §3.4 UsernameCaseMapped: the key userNames are compared by, and which names are refused. */
class UserNamesTest {

    @Test
    @DisplayName("RFC 8265 §3.4.1: width mapping, case mapping and NFC give confusable names one key")
    void confusables_shareAKey() {
        assertThat(UserNames.key("demo")).isEqualTo("demo");
        assertThat(UserNames.key("DEMO")).isEqualTo("demo");
        assertThat(UserNames.key("ｄｅｍｏ")).isEqualTo("demo");
        assertThat(UserNames.key("ＤＥＭＯ")).isEqualTo("demo");
        assertThat(UserNames.key("Zoe\u0308")).isEqualTo(UserNames.key("Zoë")).isEqualTo("zoë");
        assertThat(UserNames.key("ｶﾀｶﾅ")).isEqualTo("カタカナ");
        assertThat(UserNames.key("ÅNGSTRÖM")).isEqualTo("ångström");
        assertThat(UserNames.key("demo ")).isNotEqualTo("demo");          // refused as a name; never the same account
    }

    @ParameterizedTest
    @ValueSource(strings = {"bjensen", "Barbara Jensen", "user@example.com", "a.b-c_d+e!~", "Zoë", "日本語", "ｄｅｍｏ", "Ελένη",
            "müller", "x"})
    @DisplayName("RFC 8265 §3.3: userparts of letters, digits and printable ASCII, single spaces between them, are valid")
    void valid(String name) {
        assertThat(UserNames.violation(name)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo ", " demo", "de  mo", "demo\u3000", "\u3000demo", "de\u00a0mo", "de\tmo", "de\u0000mo",
            "a\u200bb", "a\u200db", "a\u202eb", "ﬁle", "①", "™", "a\u2028b", "a\ue000b", "a\ud800b", "a\u0378b", "€uro", "\u00ad"})
    @DisplayName("RFC 8265 §3.3 / RFC 8264 §9: edge or double spaces, other spaces, controls, invisible, compatibility, "
            + "symbol, unassigned and private-use characters are refused")
    void invalid(String name) {
        assertThat(UserNames.violation(name)).isNotNull();
    }

    @Test
    @DisplayName("RFC 8265 §3.3: empty and over-long names are refused, also when the mapping makes them longer")
    void lengths() {
        assertThat(UserNames.violation("")).isNotNull();
        assertThat(UserNames.violation("a".repeat(256))).isNull();
        assertThat(UserNames.violation("a".repeat(257))).isNotNull();
        assertThat(UserNames.violation("\u0130".repeat(200))).isNotNull();   // İ lower-cases to two characters
    }
}
