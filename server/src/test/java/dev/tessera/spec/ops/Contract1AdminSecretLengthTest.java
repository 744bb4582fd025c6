package dev.tessera.spec.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tessera.server.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT §1: {@code TESSERA_ADMIN_CLIENT_SECRET} is the secret of the client that administers every
 * tenant; one shorter than 32 characters is a configuration error (exit code 2, a message naming the
 * variable), never a running server with a guessable admin secret.
 */
@Tag("contract")
class Contract1AdminSecretLengthTest {
    private static final String SHORT = "a".repeat(31);

    @Test
    @DisplayName("CONTRACT §1: a 31-character admin secret fails resolution, naming the variable; 32 characters are accepted")
    void shortSecret_isAConfigurationError() {
        for (String secret : new String[] {"x", "admin", SHORT}) {
            assertThatThrownBy(() -> Config.resolve(Map.of("TESSERA_ADMIN_CLIENT_SECRET", secret), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TESSERA_ADMIN_CLIENT_SECRET")
                    .hasMessageContaining("32").hasMessageNotContaining(SHORT);
        }
        assertThat(Config.resolve(Map.of("TESSERA_ADMIN_CLIENT_SECRET", "a".repeat(32)), Map.of()).adminClientSecret())
                .hasSize(32);
        assertThat(Config.resolve(Map.of(), Map.of()).adminClientSecret()).as("unset: generated at start").isNull();
    }

    @Test
    @DisplayName("CONTRACT §1: tessera start with a short admin secret (variable or flag) exits 2 with a clear message")
    void shortSecret_processExitsWithCode2() throws Exception {
        for (boolean asFlag : new boolean[] {false, true}) {
            Path data = Files.createTempDirectory("tessera-secret");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.tessera.server.Main", "start", "--http-port", "0")
                    .redirectErrorStream(true);
            if (asFlag) pb.command().addAll(java.util.List.of("--admin-client-secret", SHORT));
            pb.environment().keySet().removeIf(k -> k.startsWith("TESSERA_"));
            pb.environment().put("TESSERA_DATA_DIR", data.toString());
            if (!asFlag) pb.environment().put("TESSERA_ADMIN_CLIENT_SECRET", SHORT);
            Process p = pb.start();
            try {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits at once").isTrue();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(p.exitValue()).as(out).isEqualTo(2);
                assertThat(out).contains("Configuration error").contains("TESSERA_ADMIN_CLIENT_SECRET")
                        .contains("at least 32 characters").doesNotContain(SHORT);
                try (var files = Files.list(data)) {
                    assertThat(files.toList()).as("nothing created in the data directory").isEmpty();
                }
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
