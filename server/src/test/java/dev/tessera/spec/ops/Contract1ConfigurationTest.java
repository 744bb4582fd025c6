package dev.tessera.spec.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.server.Config;
import dev.tessera.server.Setting;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONTRACT §1 with STYLE §6: every setting is a TESSERA_* variable or a flag; flags win; unknown keys fail at start. */
@Tag("contract")
class Contract1ConfigurationTest {

    @Test
    @DisplayName("CONTRACT §1 / STYLE §6: an unknown TESSERA_* variable fails resolution, naming the variable")
    void unknownVariable_isRejected() {
        assertThatThrownBy(() -> Config.resolve(Map.of("TESSERA_HTTP_PROT", "9000"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TESSERA_HTTP_PROT");
        assertThatThrownBy(() -> Config.resolve(Map.of("TESSERA_", "x"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("CONTRACT §1: variables outside the TESSERA_ prefix are ignored")
    void otherVariables_areIgnored() {
        Config c = Config.resolve(Map.of("PATH", "/bin", "TESSERAX_PORT", "1", "HTTP_PORT", "1"), Map.of());
        assertThat(c.httpPort()).isEqualTo(8080);
    }

    @Test
    @DisplayName("CONTRACT §1: every documented setting is accepted as a variable")
    void everySetting_isKnown() {
        Map<String, String> env = new HashMap<>();
        for (Setting s : Setting.values()) env.put(s.env(), validValue(s));
        Config c = Config.resolve(env, Map.of());
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.dev()).isTrue();
        assertThat(c.keyRotationDays()).isEqualTo(7);
    }

    private static String validValue(Setting s) {
        return switch (s) {
            case HTTP_PORT -> "9100";
            case DB_POOL_SIZE -> "4";
            case KEY_ROTATION_DAYS -> "7";
            case DEV -> "true";
            case PUBLIC_URL -> "https://auth.example.com";
            case DB_URL -> "embedded";
            case MASTER_KEY -> "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
            case TRUSTED_PROXIES -> "10.0.0.0/8, 192.0.2.7";
            case ADMIN_CLIENT_SECRET -> "an-admin-secret-of-at-least-32-characters";
            case PASSWORD_HASH_CONCURRENCY -> "2";
            case PASSWORD_HASH_QUEUE -> "8";
            case OUTBOUND_ALLOW_PRIVATE -> "false";
            default -> "value";
        };
    }

    @Test
    @DisplayName("CONTRACT §1: a flag overrides the variable of the same setting")
    void flag_overridesVariable() {
        Config c = Config.resolve(Map.of("TESSERA_HTTP_PORT", "9000", "TESSERA_HTTP_HOST", "0.0.0.0"),
                Map.of(Setting.HTTP_PORT, "9001"));
        assertThat(c.httpPort()).isEqualTo(9001);
        assertThat(c.httpHost()).isEqualTo("0.0.0.0");
        assertThat(Config.resolve(Map.of("TESSERA_PUBLIC_URL", "https://env.example.com"),
                Map.of(Setting.PUBLIC_URL, "https://flag.example.com")).publicUrl()).isEqualTo("https://flag.example.com");
    }

    @Test
    @DisplayName("CONTRACT §1: a variable overrides the default; with neither the documented default applies")
    void variable_overridesDefault() {
        assertThat(Config.resolve(Map.of("TESSERA_HTTP_PORT", "9000"), Map.of()).httpPort()).isEqualTo(9000);
        Config defaults = Config.resolve(Map.of(), Map.of());
        assertThat(defaults.httpPort()).isEqualTo(8080);
        assertThat(defaults.httpHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.publicUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(defaults.dataDir().toString()).isEqualTo("./data");
        assertThat(defaults.dbUrl()).isNull();
        assertThat(defaults.dev()).isFalse();
        assertThat(defaults.adminClientId()).isEqualTo("tessera-admin");
        assertThat(defaults.adminClientSecret()).isNull();
        assertThat(defaults.masterKey()).isNull();
    }

    @Test
    @DisplayName("CONTRACT §1: the public URL follows host and port when unset, and loses a trailing slash when set")
    void publicUrl_derivation() {
        assertThat(Config.resolve(Map.of("TESSERA_HTTP_PORT", "9000"), Map.of()).publicUrl())
                .isEqualTo("http://127.0.0.1:9000");
        assertThat(Config.resolve(Map.of("TESSERA_HTTP_HOST", "0.0.0.0"), Map.of()).publicUrl())
                .isEqualTo("http://127.0.0.1:8080");
        assertThat(Config.resolve(Map.of("TESSERA_PUBLIC_URL", "https://auth.example.com/"), Map.of()).publicUrl())
                .isEqualTo("https://auth.example.com");
    }

    @Test
    @DisplayName("CONTRACT §2: with port 0 the public URL names the port actually chosen, not port 0")
    void portZero_publicUrlNamesTheRealPort() {
        Config c = Config.resolve(Map.of("TESSERA_HTTP_PORT", "0"), Map.of()).withConcretePort();
        assertThat(c.httpPort()).isPositive();
        assertThat(c.publicUrl()).isEqualTo("http://127.0.0.1:" + c.httpPort());
        Config explicit = Config.resolve(Map.of("TESSERA_HTTP_PORT", "0", "TESSERA_PUBLIC_URL", "https://a.example.com"),
                Map.of()).withConcretePort();
        assertThat(explicit.publicUrl()).isEqualTo("https://a.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TESSERA_HTTP_PORT=abc", "TESSERA_HTTP_PORT=70000", "TESSERA_HTTP_PORT=-1",
            "TESSERA_PUBLIC_URL=ftp://x.example.com", "TESSERA_KEY_ROTATION_DAYS=0", "TESSERA_DB_POOL_SIZE=0",
            "TESSERA_DEV=yes", "TESSERA_DEV=1"})
    @DisplayName("CONTRACT §1: an invalid value fails resolution (at start, with a message), not later")
    void invalidValue_isRejected(String assignment) {
        String[] kv = assignment.split("=", 2);
        assertThatThrownBy(() -> Config.resolve(Map.of(kv[0], kv[1]), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(kv[0]);
    }

    @Test
    @DisplayName("CONTRACT §1: an invalid flag value fails like the variable, even when the variable is valid")
    void invalidFlag_isRejected() {
        assertThatThrownBy(() -> Config.resolve(Map.of("TESSERA_HTTP_PORT", "9000"), Map.of(Setting.HTTP_PORT, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
