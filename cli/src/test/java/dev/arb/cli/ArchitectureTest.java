package dev.arb.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arb");
  }

  @Test
  void engineCoreDoesNoIoAndImportsNoAdapterLibrary() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.arb.engine.model..",
            "dev.arb.engine.path..",
            "dev.arb.engine.sizing..",
            "dev.arb.engine.record..",
            "dev.arb.engine.port..",
            "dev.arb.engine.execution..",
            "dev.arb.engine.paper..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.knowm..",
            "info.bitrich..",
            "org.web3j..",
            "org.jdbi..",
            "java.sql..",
            "java.net..",
            "java.nio.file..",
            "com.sun.net.httpserver..",
            "com.fasterxml..",
            "dev.arb.storage..",
            "dev.arb.defi..",
            "dev.arb.cli..")
        .because("the pure core is tested without I/O; adapters translate at the edge")
        .check(classes);
  }

  @Test
  void siblingAdaptersNeverImportEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.arb.storage..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.arb.defi..", "dev.arb.cli..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.arb.defi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.arb.storage..", "dev.arb.cli..")
        // defi holds no classes until the DeFi issue lands
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void lowerModulesDoNotReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.arb.config..", "dev.arb.error..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.arb.engine..", "dev.arb.storage..", "dev.arb.defi..", "dev.arb.cli..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.arb.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.arb.storage..", "dev.arb.defi..", "dev.arb.cli..")
        .check(classes);
  }

  @Test
  void onlyMainExitsTheProcess() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(Main.class.getName())
        .should()
        .callMethod(System.class, "exit", int.class)
        .orShould()
        .callMethod(Runtime.class, "halt", int.class)
        .check(classes);
  }
}
