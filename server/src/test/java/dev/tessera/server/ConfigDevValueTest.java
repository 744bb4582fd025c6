package dev.tessera.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CONTRACT §1: {@code TESSERA_DEV} is true or false; anything else is a configuration error at start. */
class ConfigDevValueTest {
    @Test
    @DisplayName("CONTRACT §1: TESSERA_DEV=yes is refused when settings are resolved, before anything starts")
    void invalidDevValue_isAConfigurationError() {
        assertThatThrownBy(() -> Config.resolve(Map.of("TESSERA_DEV", "yes"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TESSERA_DEV");
    }

    @Test
    @DisplayName("CONTRACT §1: TESSERA_DEV accepts true and false, and defaults to false")
    void devValues() {
        assertThat(Config.resolve(Map.of("TESSERA_DEV", "true"), Map.of()).dev()).isTrue();
        assertThat(Config.resolve(Map.of("TESSERA_DEV", "false"), Map.of()).dev()).isFalse();
        assertThat(Config.resolve(Map.of(), Map.of()).dev()).isFalse();
    }
}
