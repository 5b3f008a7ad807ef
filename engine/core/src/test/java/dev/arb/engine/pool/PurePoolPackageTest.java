package dev.arb.engine.pool;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The pool questions are pure core: no I/O, no library types, no readers. */
class PurePoolPackageTest {
  @Test
  void poolPackageDoesNoIoAndUsesNoLibraries() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arb.engine.pool");
    noClasses()
        .that()
        .resideInAPackage("dev.arb.engine.pool..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..",
            "java.nio..",
            "java.net..",
            "com.fasterxml..",
            "org.web3j..",
            "org.ojalgo..",
            "dev.arb.engine.source..",
            "dev.arb.engine.scan..",
            "dev.arb.engine.sizing..")
        .check(classes);
  }
}
