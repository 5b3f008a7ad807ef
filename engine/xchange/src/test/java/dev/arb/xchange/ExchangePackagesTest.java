package dev.arb.xchange;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of arb-xchange, XChange's own: {@code spi} is what an exchange supplies, each exchange
 * package builds on it alone, and the common adapter reaches an exchange only through the registry.
 */
class ExchangePackagesTest {
  private static final List<String> EXCHANGES =
      List.of("kraken", "bitstamp", "coinbase", "binance");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.arb.xchange");
  }

  private static String pkg(String exchange) {
    return "dev.arb.xchange." + exchange + "..";
  }

  @Test
  void theSpiImportsNoExchangeAndNotTheCommonAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.arb.xchange.spi..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.arb.xchange",
            "dev.arb.xchange.live..",
            pkg("kraken"),
            pkg("bitstamp"),
            pkg("coinbase"),
            pkg("binance"))
        .check(classes);
  }

  @Test
  void anExchangePackageBuildsOnTheSpiAloneAndNeverOnAnotherExchange() {
    for (String e : EXCHANGES) {
      String[] others =
          EXCHANGES.stream()
              .filter(o -> !o.equals(e))
              .map(ExchangePackagesTest::pkg)
              .toList()
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage(pkg(e))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.arb.xchange", "dev.arb.xchange.live..")
          .check(classes);
    }
  }

  @Test
  void onlyTheRegistryNamesAnExchangePackage() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.arb.xchange", "dev.arb.xchange.live..", "dev.arb.xchange.spi..")
        .and()
        .doNotHaveFullyQualifiedName(SupportedExchanges.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(pkg("kraken"), pkg("bitstamp"), pkg("coinbase"), pkg("binance"))
        .because("exchange-specific behaviour is reached through ExchangeAdapter, not by kind")
        .check(classes);
  }

  @Test
  void noCycleBetweenTheAdaptersPackages() {
    slices().matching("dev.arb.(**)").should().beFreeOfCycles().check(classes);
  }
}
