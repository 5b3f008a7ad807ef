package dev.arb.cli;

import dev.arb.cli.wiring.DaemonChainDemo;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.local.LocalDemo;
import dev.arb.engine.json.Json;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code arb defi demo}: a profitable flash-loan arbitrage on a throwaway local chain (anvil, real
 * Uniswap V2, Balancer V2 and Aave V3 bytecode), found, sized, simulated and executed, and recorded
 * in {@code arb history}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local anvil chain, deploy two Uniswap V2 DEXes with a price gap, a Balancer vault, an"
          + " Aave V3 pool and FlashLoanArbitrage, then find, simulate and execute the flash-loan"
          + " arbitrage. The attempt is recorded in arb history (arb.db in the data directory).",
      "Needs the npm packages of contracts/ (scripts/test installs them)."
    })
final class DefiDemoCommand extends BaseCommand {
  private static final int DECIMALS = 18;

  @Option(
      names = "--contracts",
      paramLabel = "DIR",
      description =
          "The contracts/ folder with node_modules. Default: $ARB_CONTRACTS_DIR, else found above the working directory.")
  Path contracts;

  @Option(
      names = "--margin",
      paramLabel = "WETH",
      description =
          "Send only if the profit beats gas at the oracle's max fee by this much, in WETH."
              + " Default: 0.001.")
  BigDecimal margin;

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      description =
          "flash-loan (default): one flash loan found and sized by hand; daemon: the daemon's chain"
              + " follower given no route, on three Uniswap V2 factories and V3 pools (33 pools):"
              + " a large swap's mispricing executed within 2 blocks, a small one rejected with its"
              + " gas figure, one taken by a competitor first recorded failed.")
  String scenario = "flash-loan";

  @Option(names = "--no-record", description = "Do not store the attempt in arb history.")
  boolean noRecord;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  protected int execute() throws IOException {
    if (!scenario.equals("flash-loan") && !scenario.equals("daemon")) {
      throw new ConfigException("--scenario must be flash-loan or daemon, got " + scenario);
    }
    BigInteger marginUnits = margin == null ? LocalDemo.MARGIN : marginUnits(margin);
    ArbConfig cfg = config().config();
    Path dir = contracts != null ? contracts : ContractsDir.locate();
    if (scenario.equals("daemon")) {
      return daemon(cfg, dir);
    }
    // the record store is opened first: if it cannot be, nothing runs
    try (RecordStore sink = noRecord ? null : Stores.open(cfg)) {
      LocalDemo.Result r =
          LocalDemo.run(
              dir, context().clock(), marginUnits, line -> err().println("demo: " + line));
      OpportunityRecord record = r.record();
      if (sink != null) {
        sink.recorder().record(record);
      }
      err().flush();
      if (json) {
        out().println(Json.write(json(r, sink)));
      } else {
        text(r);
      }
      out().flush();
      err()
          .println(
              "demo: record: "
                  + record.status().code()
                  + (sink == null
                      ? " (not stored: --no-record)"
                      : ", stored in " + sink.location() + " (see 'arb history')"));
      err().flush();
      return r.realizedProfit() != null && r.realizedProfit().signum() > 0
          ? ExitCode.OK
          : ExitCode.FAILURE;
    }
  }

  private int daemon(ArbConfig cfg, Path dir) throws IOException {
    try (RecordStore sink = noRecord ? null : Stores.open(cfg)) {
      List<OpportunityRecord> kept = new java.util.ArrayList<>();
      DaemonChainDemo.Result r =
          DaemonChainDemo.run(
              dir,
              context().clock(),
              sink == null ? new ListRecorder(kept) : sink.recorder(),
              line -> {
                err().println("demo: " + line);
                err().flush();
              });
      if (sink != null) {
        sink.recorder().flush();
      }
      if (json) {
        out().println(Json.write(r));
      } else {
        for (DaemonChainDemo.AttemptJson a : r.executed()) {
          out().println("executed: " + String.join(" | ", a.route()));
          out().println("  expected profit:  " + a.expectedProfit().toPlainString() + " WETH");
          out().println("  realized profit:  " + a.realizedProfit().toPlainString() + " WETH");
          out().println("  owner's gain:     " + a.ownerGain().toPlainString() + " WETH");
          out()
              .println(
                  "  transaction:      "
                      + a.txHash()
                      + ", gas used "
                      + a.gasUsed()
                      + ", block "
                      + a.minedBlock()
                      + " (mispricing in "
                      + a.mispricingBlock()
                      + ")");
        }
        r.rejected().forEach(a -> out().println("rejected: " + a.reason()));
        r.failed().forEach(a -> out().println("failed: " + a.reason()));
        r.problems().forEach(p -> out().println("problem: " + p));
      }
      out().flush();
      // with --json the problems are in the document too; stderr says them to a person either way
      r.problems().forEach(p -> err().println("demo: problem: " + p));
      err()
          .println(
              "demo: records "
                  + (sink == null
                      ? "not stored (--no-record)"
                      : "stored in " + sink.location() + " (see 'arb history')"));
      err().flush();
      return r.ok() ? ExitCode.OK : ExitCode.FAILURE;
    }
  }

  /** Keeps records in memory (--no-record). */
  private record ListRecorder(List<OpportunityRecord> kept)
      implements dev.arb.engine.port.OpportunityRecorder {
    @Override
    public void record(OpportunityRecord record) {
      kept.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public long acceptedCount() {
      return kept.size();
    }

    @Override
    public long writtenCount() {
      return kept.size();
    }

    @Override
    public long spilledCount() {
      return 0;
    }

    @Override
    public java.util.Optional<String> failure() {
      return java.util.Optional.empty();
    }

    @Override
    public void watch(Watcher watcher) {}

    @Override
    public void close() {}
  }

  /**
   * {@code --json}, in this key order. Amounts of WETH are decimals (18 decimals), gas an integer,
   * both as strings; values that do not apply (nothing sent) are {@code null}.
   *
   * @param loanSource {@code UNISWAP_V2}, {@code BALANCER} or {@code AAVE_V3}
   * @param gasCostAtMaxFee what the transaction would cost at the gas oracle's max fee, in WETH
   * @param ownerGain the owner's balance after minus before, in WETH
   * @param record the attempt as recorded in arb history
   */
  record DemoJson(
      long chainId,
      String contract,
      String loanSource,
      String lender,
      List<String> pairs,
      BigDecimal borrowed,
      BigDecimal expectedProfit,
      BigDecimal simulatedProfit,
      BigDecimal gasCostAtMaxFee,
      boolean sent,
      String decision,
      BigDecimal realizedProfit,
      BigDecimal ownerGain,
      BigInteger gasUsed,
      String txHash,
      RecordJson record) {}

  /**
   * The demo's record.
   *
   * @param stored the record store it is in, {@code null} with --no-record
   */
  record RecordJson(
      String status,
      String startAsset,
      List<String> exchanges,
      BigDecimal estimatedProfit,
      BigDecimal realizedProfit,
      String reason,
      String stored) {}

  private static DemoJson json(LocalDemo.Result r, RecordStore sink) {
    OpportunityRecord rec = r.record();
    return new DemoJson(
        r.chainId(),
        r.contract(),
        r.source().name(),
        r.lender(),
        r.pairs(),
        weth(r.borrowed()),
        weth(r.expectedProfit()),
        weth(r.simulatedProfit()),
        weth(r.gasCostWei()),
        r.sent(),
        r.decision(),
        weth(r.realizedProfit()),
        weth(r.ownerGain()),
        r.gasUsed(),
        r.txHash(),
        new RecordJson(
            rec.status().code(),
            rec.startAsset(),
            rec.exchanges(),
            rec.estimatedProfit(),
            rec.realizedProfit(),
            rec.reason(),
            sink == null ? null : sink.location()));
  }

  private void text(LocalDemo.Result r) {
    out().println("loan source:      " + r.source() + " (" + r.lender() + ")");
    out().println("borrowed:         " + tokens(r.borrowed()) + " WETH");
    out().println("expected profit:  " + tokens(r.expectedProfit()) + " WETH");
    out().println("simulated profit: " + tokens(r.simulatedProfit()) + " WETH");
    out().println("decision:         " + decision(r.sent(), r.decision()));
    if (r.txHash() != null) {
      out().println("realized profit:  " + tokens(r.realizedProfit()) + " WETH");
      out()
          .println("owner's gain:     " + tokens(r.ownerGain()) + " WETH (balance after - before)");
      out().println("gas used:         " + r.gasUsed());
      out().println("transaction:      " + r.txHash());
    }
  }

  /** {@code --margin} in WETH base units; a usage error unless >= 0 with at most 18 decimals. */
  private static BigInteger marginUnits(BigDecimal weth) {
    try {
      if (weth.signum() < 0) {
        throw new ArithmeticException("negative");
      }
      return weth.movePointRight(DECIMALS).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new ConfigException(
          "--margin must be 0 or more WETH with at most 18 decimals, got " + weth.toPlainString());
    }
  }

  /** Base units (18 decimals) as an exact decimal string; {@code null} stays {@code null}. */
  private static String tokens(BigInteger baseUnits) {
    return baseUnits == null ? null : weth(baseUnits).toPlainString();
  }

  /** Base units (18 decimals) as WETH; {@code null} stays {@code null}. */
  private static BigDecimal weth(BigInteger baseUnits) {
    return baseUnits == null
        ? null
        : new BigDecimal(baseUnits).movePointLeft(DECIMALS).stripTrailingZeros();
  }

  /** "sent: why" or "not sent: why", once: the recorded reason may already say it. */
  static String decision(boolean sent, String why) {
    String prefix = sent ? "sent: " : "not sent: ";
    return why.startsWith(prefix) ? why : prefix + why;
  }
}
