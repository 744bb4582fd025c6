package dev.tessera.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.tessera.protocol.OAuthException;
import dev.tessera.server.Setting;
import dev.tessera.tenant.TenantDefaults;
import dev.tessera.tenant.TenantSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md in step with the code: every server {@link Setting} and every tenant
 * setting (CONTRACT §7) is listed with the default the code uses, and nothing else is listed.
 * A default in backticks is a literal value; one in plain words describes an absent value.
 */
@Tag("docs")
class ConfigurationDocTest {
    private static final Pattern LITERAL = Pattern.compile("`([^`]*)`");
    private static final Pattern INT_RANGE = Pattern.compile("`(-?\\d+)`–`(-?\\d+)`");
    private static final Pattern LENGTH_RANGE = Pattern.compile("(\\d+)–(\\d+) characters");
    private static final String EMPTY = "(empty)";

    private static Map<String, List<String>> serverRows;
    private static Map<String, List<String>> tenantRows;

    @BeforeAll
    static void readDoc() throws IOException {
        List<String> lines = Files.readAllLines(docPath(), StandardCharsets.UTF_8);
        serverRows = table(lines, "## Server settings", 4);
        tenantRows = table(lines, "## Tenant settings", 4);
    }

    @Test
    @DisplayName("docs/configuration.md lists every server setting, and only those")
    void serverSettingsAreComplete() {
        Set<String> inCode = new LinkedHashSet<>();
        for (Setting s : Setting.values()) inCode.add(s.env());
        assertThat(serverRows.keySet()).as("server settings documented in docs/configuration.md")
                .containsExactlyInAnyOrderElementsOf(inCode);
    }

    @Test
    @DisplayName("docs/configuration.md gives each server setting's flag and the code's default")
    void serverSettingsHaveFlagAndDefault() {
        for (Setting s : Setting.values()) {
            List<String> row = serverRows.get(s.env());
            if (row == null) continue; // reported by serverSettingsAreComplete
            assertThat(literal(row.get(1))).as("flag of %s", s.env()).isEqualTo(s.flag());
            String documented = row.get(2);
            if (s.defaultValue().isEmpty()) {
                assertThat(documented).as("default of %s", s.env()).isEqualTo(EMPTY);
            } else if (s.defaultValue().contains(" ")) {
                assertThat(documented).as("default of %s (a description)", s.env()).isEqualTo(s.defaultValue());
            } else {
                assertThat(documented).as("default of %s", s.env()).isEqualTo("`" + s.defaultValue() + "`");
            }
            assertThat(row.get(3)).as("meaning of %s", s.env()).isNotBlank();
        }
    }

    @Test
    @DisplayName("docs/configuration.md lists every tenant setting (CONTRACT §7), and only those")
    void tenantSettingsAreComplete() {
        Set<String> inCode = TenantSettings.defaults("x").toJson().keySet();
        assertThat(tenantRows.keySet()).as("tenant settings documented in docs/configuration.md")
                .containsExactlyInAnyOrderElementsOf(inCode);
    }

    @Test
    @DisplayName("docs/configuration.md gives each tenant setting the default of TenantDefaults")
    void tenantSettingsHaveCodeDefaults() throws IllegalAccessException {
        Map<String, Object> defaults = TenantSettings.defaults("x").toJson();
        Map<String, Object> constants = tenantDefaultConstants();
        assertThat(defaults.keySet()).as("every TenantDefaults constant names a tenant setting")
                .containsAll(constants.keySet());
        for (Map.Entry<String, List<String>> row : tenantRows.entrySet()) {
            String name = row.getKey();
            if (!defaults.containsKey(name)) continue; // reported by tenantSettingsAreComplete
            String documented = row.getValue().get(1);
            if (name.equals("displayName")) {
                assertThatThrownBy(() -> TenantSettings.fromJson(Map.of())).isInstanceOf(OAuthException.class);
                assertThat(documented).as("default of displayName").isEqualTo("required");
            } else if (constants.containsKey(name)) {
                assertThat(documented).as("default of %s", name).isEqualTo("`" + constants.get(name) + "`");
                assertThat(String.valueOf(defaults.get(name))).as("TenantSettings.defaults() of %s", name)
                        .isEqualTo(String.valueOf(constants.get(name)));
            } else {
                assertThat(defaults.get(name)).as("%s has no TenantDefaults constant, so its default must be absent", name)
                        .isNull();
                assertThat(documented).as("default of %s describes an absent value", name).doesNotContain("`").isNotBlank();
            }
            assertThat(row.getValue().get(3)).as("meaning of %s", name).isNotBlank();
        }
    }

    @Test
    @DisplayName("docs/configuration.md gives each tenant setting the range or values the code accepts")
    void tenantSettingsHaveCodeRanges() {
        for (Map.Entry<String, List<String>> row : tenantRows.entrySet()) {
            String name = row.getKey();
            String allowed = row.getValue().get(2);
            Matcher ints = INT_RANGE.matcher(allowed);
            Matcher lengths = LENGTH_RANGE.matcher(allowed);
            if (ints.matches()) {
                int min = Integer.parseInt(ints.group(1));
                int max = Integer.parseInt(ints.group(2));
                assertAccepted(name, min);
                assertAccepted(name, max);
                assertRejected(name, (long) min - 1);
                assertRejected(name, (long) max + 1);
            } else if (lengths.matches()) {
                int min = Integer.parseInt(lengths.group(1));
                int max = Integer.parseInt(lengths.group(2));
                assertAccepted(name, "a".repeat(min));
                assertAccepted(name, "a".repeat(max));
                if (min > 0) assertRejected(name, "a".repeat(min - 1));
                assertRejected(name, "a".repeat(max + 1));
            } else {
                List<String> values = literals(allowed);
                if (values.isEmpty()) {
                    fail("allowed values of %s must read `min`–`max`, 'min–max characters' or `a`, `b`: %s", name, allowed);
                }
                for (String v : values) assertAccepted(name, v);
                assertRejected(name, "not-" + values.get(0));
            }
        }
    }

    private static void assertAccepted(String name, Object value) {
        Map<String, Object> body = body(name, value);
        // the refresh-token lifetimes constrain each other (idle ≤ max): move both together
        if (name.startsWith("refreshToken")) {
            body.put("refreshTokenIdleTtlSeconds", value);
            body.put("refreshTokenMaxTtlSeconds", value);
        }
        // so do the session lifetimes: keep the partner inside its own range and on the right side
        if (name.equals("sessionIdleTtlSeconds")) {
            body.put("sessionMaxTtlSeconds", Math.max((Integer) value, 43_200));
        } else if (name.equals("sessionMaxTtlSeconds")) {
            body.put("sessionIdleTtlSeconds", Math.min((Integer) value, 1_800));
        }
        assertThatCode(() -> TenantSettings.fromJson(body)).as("%s = %s is documented as allowed", name, value)
                .doesNotThrowAnyException();
    }

    private static void assertRejected(String name, Object value) {
        assertThatThrownBy(() -> TenantSettings.fromJson(body(name, value)))
                .as("%s = %s is outside the documented range", name, value).isInstanceOf(OAuthException.class);
    }

    private static Map<String, Object> body(String name, Object value) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", "x");
        body.put(name, value);
        return body;
    }

    /** TenantDefaults' public constants by the camelCase setting they default (ACCESS_TOKEN_TTL_SECONDS → accessTokenTtlSeconds). */
    private static Map<String, Object> tenantDefaultConstants() throws IllegalAccessException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : TenantDefaults.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) continue;
            out.put(camelCase(f.getName()), f.get(null));
        }
        return out;
    }

    private static String camelCase(String constant) {
        StringBuilder b = new StringBuilder();
        for (String part : constant.toLowerCase(Locale.ROOT).split("_")) {
            b.append(b.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return b.toString();
    }

    /** The rows of the first table after {@code heading}, keyed by the literal in their first cell. */
    private static Map<String, List<String>> table(List<String> lines, String heading, int columns) {
        int start = lines.indexOf(heading);
        if (start < 0) fail("docs/configuration.md has no heading '%s'", heading);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        int seen = 0;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("#")) break;
            if (!line.startsWith("|")) {
                if (inTable) break;
                continue;
            }
            inTable = true;
            if (seen++ < 2) continue; // header and separator
            List<String> cells = cells(line);
            if (cells.size() != columns) fail("row under '%s' must have %d cells: %s", heading, columns, line);
            String key = literal(cells.get(0));
            if (rows.put(key, cells) != null) fail("'%s' is listed twice under '%s'", key, heading);
        }
        if (rows.isEmpty()) fail("docs/configuration.md has no table under '%s'", heading);
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        List<String> out = new ArrayList<>();
        for (String c : inner.split("\\|", -1)) out.add(c.trim());
        return out;
    }

    private static String literal(String cell) {
        Matcher m = LITERAL.matcher(cell);
        if (!m.matches()) fail("expected a single `literal`, was: %s", cell);
        return m.group(1);
    }

    private static List<String> literals(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = LITERAL.matcher(cell);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** docs/configuration.md of the repository, found by walking up from the working directory. */
    static Path docPath() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs").resolve("configuration.md");
            if (Files.isRegularFile(candidate)) return candidate;
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/configuration.md not found in " + Path.of("").toAbsolutePath()
                + " or any directory above it");
    }
}
