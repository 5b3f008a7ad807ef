package dev.arb.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of {@code docs/architecture.md}, checked on the compiled classes of every module
 * (the cli's test classpath holds them all).
 *
 * <ul>
 *   <li>core ({@code dev.arb.engine..} but {@code engine.lp}): no I/O library, no other module;
 *   <li>adapters ({@code dev.arb.storage}, {@code dev.arb.defi}, {@code dev.arb.xchange}): never
 *       each other, the daemon or the cli;
 *   <li>daemon ({@code dev.arb.daemon..}): core and ports only, no adapter; Netty (its HTTP server)
 *       only in {@code dev.arb.daemon.http};
 *   <li>cli: picocli commands, option holders, rendering, and {@code cli.wiring} (the only place
 *       that names the storage and exchange adapters); no trading, no thread or executor;
 *   <li>no cycle between packages.
 * </ul>
 */
class ArchitectureTest {

  /** Libraries that do I/O or belong to one adapter. */
  private static final String[] IO_AND_ADAPTER_LIBRARIES = {
    "org.knowm..",
    "info.bitrich..",
    "si.mazi..",
    "io.netty..",
    "io.reactivex..",
    "io.aeron..",
    "org.web3j..",
    "org.jdbi..",
    "org.sqlite..",
    "java.sql..",
    "com.sun.net.httpserver..",
    "java.net.http..",
    "io.micrometer..",
    "ch.qos.logback..",
    "picocli.."
  };

  /** The modules built on the engine: adapters, the daemon and the cli. */
  private static final String[] ABOVE_ENGINE = {
    "dev.arb.storage..", "dev.arb.defi..", "dev.arb.xchange..", "dev.arb.daemon..", "dev.arb.cli.."
  };

  /** The daemon types a command may use: the trading service's public API. */
  private static final Set<String> TRADING_API =
      Set.of("TradingService", "RetryOutcome", "PaperTrader", "ScanResult");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // nor other modules' test jars (arb-storage's test server, on the test class path)
            .withImportOption(location -> !location.contains("-tests.jar"))
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
  void coreImportsNoIoLibraryNoSolverAndNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("dev.arb.engine..")
        .and()
        .resideOutsideOfPackage("dev.arb.engine.lp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(IO_AND_ADAPTER_LIBRARIES)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(ABOVE_ENGINE)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.ojalgo..", "dev.arb.engine.lp..")
        .because(
            "storage and defi build on the core and must not get XChange, Netty, web3j, Jdbi or"
                + " ojAlgo through it")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.arb.engine.lp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(IO_AND_ADAPTER_LIBRARIES)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(ABOVE_ENGINE)
        .because("the LP sizers add only ojAlgo to the core")
        .check(classes);
  }

  @Test
  void adaptersNeverImportEachOtherTheDaemonOrTheCli() {
    String[] adapters = {"dev.arb.storage..", "dev.arb.defi..", "dev.arb.xchange.."};
    for (String adapter : adapters) {
      noClasses()
          .that()
          .resideInAPackage(adapter)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others(adapters, adapter, "dev.arb.daemon..", "dev.arb.cli.."))
          .because("an adapter implements core ports and knows nothing of the other adapters")
          .check(classes);
    }
  }

  @Test
  void daemonImportsNoAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.arb.daemon..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.arb.storage..",
            "dev.arb.defi..",
            "dev.arb.xchange..",
            "dev.arb.cli..",
            "org.knowm..",
            "info.bitrich..",
            "org.web3j..",
            "org.jdbi..",
            "java.sql..",
            "org.ojalgo..",
            "picocli..",
            "com.sun.net.httpserver..")
        .because(
            "what the daemon needs from adapters comes through dev.arb.engine.port; the JDK's"
                + " HTTP server cannot bound a slow client, so the endpoint does not use it")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.arb.daemon..")
        .and()
        .resideOutsideOfPackage("dev.arb.daemon.http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netty..")
        .because("Netty is the endpoint's HTTP server, kept in dev.arb.daemon.http")
        .check(classes);
  }

  @Test
  void onlyTheFeedPackageUsesAeron() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.arb.daemon.feed..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.aeron..", "org.agrona..")
        .because("book feeds between processes are kept in dev.arb.daemon.feed")
        .check(classes);
  }

  @Test
  void lowerModulesDoNotReachUp() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.arb.config..", "dev.arb.error..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ABOVE_ENGINE)
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("dev.arb.engine..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.arb.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ABOVE_ENGINE)
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.arb.daemon.trade..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.arb.daemon")
        .because("the trading service is used by the daemon and by arb dlq retry alike")
        .check(classes);
  }

  @Test
  void onlyStorageAndTheWiringNameStorageOrExchangeAdapters() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.arb.storage..", "dev.arb.cli.wiring..")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameStartingWith("Sqlite")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.jdbi..", "java.sql..", "org.sqlite..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.arb.cli..")
        .and()
        .resideOutsideOfPackage("dev.arb.cli.wiring..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.arb.storage..", "dev.arb.xchange..", "org.knowm..", "info.bitrich..")
        .because("cli.wiring opens the record store and the exchanges and hands them out as ports")
        .check(classes);
  }

  @Test
  void cliDoesNoTradingAndStartsNoThread() {
    noClasses()
        .that()
        .resideInAPackage("dev.arb.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.arb.engine.execution..", "dev.arb.engine.paper..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.arb.engine.port.OrderExecutor")
        .orShould()
        .dependOnClassesThat(tradingInternals())
        .because(
            "trades run in the trading service (dev.arb.daemon.trade), for the daemon and for"
                + " arb dlq retry alike")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.arb.cli..")
        .should()
        .callConstructorWhere(
            DescribedPredicate.describe(
                "a Thread is created", call -> call.getTargetOwner().isAssignableTo(Thread.class)))
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(ExecutorService.class)
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(Executors.class, ForkJoinPool.class, java.util.Timer.class)
        .because("loops and workers belong to the daemon; a command runs on the caller's thread")
        .check(classes);
  }

  @Test
  void cliHoldsCommandsOptionsRenderingAndWiringOnly() {
    classes()
        .that()
        .resideInAPackage("dev.arb.cli")
        .and()
        .areTopLevelClasses()
        .should()
        .haveSimpleNameEndingWith("Command")
        .orShould()
        .haveNameMatching(
            "dev\\.arb\\.cli\\.("
                // picocli plumbing: the entry point, its context, exit codes, option holders,
                // converters and the version provider
                + "Main|Cli|CliContext|ExitCode|.*Options?|.*Arg|.*Provider"
                // rendering: JSON, CSV, tables, reports and printed lines
                + "|.*Json|.*Format|.*Formatter|.*Table|.*Report|.*Lines"
                // the arb defi family drives the chain adapter by hand; the daemon's relay
                // handler parses a request and renders the answer
                + "|Defi[A-Za-z]*|DaemonRelayer)")
        .because(
            "the cli is commands and rendering; everything that runs (daemon, trading) lives in"
                + " arb-daemon, and everything that opens an adapter in cli.wiring")
        .check(classes);
  }

  @Test
  void noCyclesBetweenPackages() {
    slices()
        .matching("dev.arb.(**)")
        .should()
        .beFreeOfCycles()
        // Known and left to the DeFi work that is changing these packages: the gas oracle reads
        // through the chain client while the wallet (defi.chain) asks the oracle for fees.
        .ignoreDependency(
            DescribedPredicate.describe(
                "in dev.arb.defi.gas", c -> c.getPackageName().equals("dev.arb.defi.gas")),
            DescribedPredicate.describe(
                "in dev.arb.defi.chain", c -> c.getPackageName().equals("dev.arb.defi.chain")))
        .because("each package builds on the ones below it")
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

  /** The trading service's classes that are not its public API. */
  private static DescribedPredicate<JavaClass> tradingInternals() {
    return DescribedPredicate.describe(
        "are trading internals (dev.arb.daemon.trade but " + TRADING_API + ")",
        c ->
            c.getPackageName().equals("dev.arb.daemon.trade")
                && !TRADING_API.contains(c.getSimpleName())
                && !TRADING_API.contains(
                    c.getEnclosingClass().map(JavaClass::getSimpleName).orElse("")));
  }

  private static String[] others(String[] all, String self, String... more) {
    return java.util.stream.Stream.concat(
            java.util.Arrays.stream(all).filter(a -> !a.equals(self)),
            java.util.Arrays.stream(more))
        .toArray(String[]::new);
  }
}
