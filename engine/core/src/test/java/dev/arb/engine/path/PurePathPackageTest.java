package dev.arb.engine.path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The cycle finder is pure core: no I/O, no library types, no readers. */
class PurePathPackageTest {
  @Test
  void pathPackageDoesNoIoAndUsesNoLibraries() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arb.engine.path");
    noClasses()
        .that()
        .resideInAPackage("dev.arb.engine.path..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..",
            "java.nio..",
            "java.net..",
            "com.fasterxml..",
            "org.jgrapht..",
            "org.ojalgo..",
            "org.slf4j..",
            "dev.arb.engine.source..",
            "dev.arb.engine.sample..")
        .check(classes);
  }
}
