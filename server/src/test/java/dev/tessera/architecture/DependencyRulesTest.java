package dev.tessera.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STYLE §1 and §12: dependencies point one way; only http/ touches the web server; grants never see HTTP. */
class DependencyRulesTest {
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
    @DisplayName("STYLE §1: only http/ (and the composition root) use the web framework")
    void onlyHttpUsesJavalin() {
        noClasses().that().resideOutsideOfPackages("dev.tessera.http..", "dev.tessera.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..")
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
