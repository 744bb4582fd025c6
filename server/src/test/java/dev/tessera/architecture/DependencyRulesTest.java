package dev.tessera.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** STYLE §1 and §12: dependencies point one way; only http/ touches the web server; grants never see HTTP. */
class DependencyRulesTest {
    /**
     * Every package of the server and the Tessera packages it may depend on: the architecture, bottom
     * (protocol) to top (the composition root). A new package, or a new dependency between packages,
     * is a decision made here, on purpose.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("protocol", Set.of()),
            Map.entry("pages", Set.of()),
            Map.entry("outbound", Set.of()),
            Map.entry("ops", Set.of("protocol")),
            Map.entry("tenant", Set.of("protocol")),
            Map.entry("user", Set.of("tenant")),
            Map.entry("keys", Set.of("tenant")),
            Map.entry("audit", Set.of("protocol", "tenant")),
            Map.entry("binding", Set.of("protocol", "tenant")),
            Map.entry("token", Set.of("binding", "keys", "protocol", "tenant", "user")),
            Map.entry("session", Set.of("keys", "tenant", "token", "user")),
            Map.entry("client", Set.of("keys", "outbound", "protocol", "tenant", "token")),
            Map.entry("introspection", Set.of("client", "keys", "protocol", "tenant", "token")),
            Map.entry("authorize", Set.of("client", "keys", "protocol", "session", "tenant", "token", "user")),
            Map.entry("revocation", Set.of("client", "introspection", "protocol", "tenant", "token")),
            Map.entry("oidc", Set.of("introspection", "keys", "protocol", "tenant", "token", "user")),
            Map.entry("gateway", Set.of("introspection", "keys", "protocol", "tenant", "token")),
            Map.entry("admin", Set.of("audit", "client", "introspection", "keys", "protocol", "tenant", "token")),
            Map.entry("scim", Set.of("audit", "protocol", "session", "tenant", "token", "user")),
            Map.entry("grant", Set.of("authorize", "binding", "client", "oidc", "protocol", "revocation", "session", "tenant",
                    "token", "user")),
            Map.entry("tokenhandler", Set.of("audit", "client", "gateway", "grant", "keys", "oidc", "protocol", "revocation",
                    "tenant", "token")),
            Map.entry("http", Set.of("admin", "audit", "authorize", "binding", "client", "gateway", "grant", "introspection", "keys", "oidc",
                    "pages", "protocol", "revocation", "scim", "session", "tenant", "token", "tokenhandler", "user")),
            Map.entry("store", Set.of("audit", "authorize", "client", "keys", "protocol", "revocation", "session", "tenant", "token",
                    "tokenhandler", "user")),
            Map.entry("server", Set.of("admin", "audit", "authorize", "binding", "client", "gateway", "grant", "http", "introspection",
                    "keys", "oidc", "outbound", "protocol", "revocation", "scim", "session", "store", "tenant", "token", "tokenhandler", "user")));

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tessera");
    }

    @Test
    @DisplayName("STYLE §12: grant handlers import no servlet, Jetty or Javalin types")
    void grantsNeverSeeHttp() {
        noClasses().that().resideInAPackage("dev.tessera.grant..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    @DisplayName("STYLE §1: only http/ uses the web server (Jetty); nothing uses a servlet or web framework API")
    void onlyHttpUsesTheWebServer() {
        noClasses().that().resideOutsideOfPackages("dev.tessera.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    @DisplayName("STYLE §1: store implementations depend on the repository interfaces, never the reverse")
    void nothingButTheCompositionRootDependsOnStore() {
        noClasses().that().resideOutsideOfPackages("dev.tessera.store..", "dev.tessera.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.tessera.store..")
                .check(classes);
    }

    @Test
    @DisplayName("STYLE §1: no package cycles")
    void noPackageCycles() {
        slices().matching("dev.tessera.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    @DisplayName("STYLE §1: every package is named in the architecture and depends only on the packages it names")
    void everyPackageDependsOnlyOnWhatTheArchitectureAllows() {
        Map<String, Set<String>> found = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = topPackage(c);
            if (from == null) continue;
            found.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = topPackage(d.getTargetClass());
                if (to != null && !to.equals(from)) found.get(from).add(to);
            }
        }
        assertThat(found.keySet()).as("packages of the server").containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
        found.forEach((from, to) -> assertThat(to).as("Tessera packages %s/ depends on", from).isSubsetOf(ALLOWED.get(from)));
    }

    /** The first package below dev.tessera, or null for classes outside it. */
    private static String topPackage(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith("dev.tessera.")) return null;
        String rest = p.substring("dev.tessera.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    @DisplayName("STYLE §1: protocol/ depends on no other Tessera package")
    void protocolIsALeaf() {
        noClasses().that().resideInAPackage("dev.tessera.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tessera.tenant..", "dev.tessera.client..",
                        "dev.tessera.grant..", "dev.tessera.token..", "dev.tessera.http..", "dev.tessera.store..",
                        "dev.tessera.keys..", "dev.tessera.server..", "dev.tessera.admin..", "dev.tessera.audit..")
                .check(classes);
    }

    @Test
    @DisplayName("STYLE §1: nothing depends on http/ but the composition root")
    void httpIsTheOuterLayer() {
        noClasses().that().resideOutsideOfPackages("dev.tessera.http..", "dev.tessera.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.tessera.http..")
                .check(classes);
    }
}
