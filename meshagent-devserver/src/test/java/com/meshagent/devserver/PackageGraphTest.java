package com.meshagent.devserver;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The devserver's packages form a tree with {@link DevServer} at the top: the root package wires the
 * subpackages together, and no subpackage reaches back into it (no import cycle between packages).
 */
class PackageGraphTest {
    private static final String ROOT = "com.meshagent.devserver";
    /** The main classes as compiled (target/classes), not the test classes. */
    private static final JavaClasses MAIN = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void noSubpackageDependsOnTheRootPackage() {
        noClasses().that().resideInAPackage(ROOT + ".*..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .because("DevServer's package wires the subpackages; a dependency back on it makes a cycle")
                .check(MAIN);
    }

    @Test
    void theSubpackagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
