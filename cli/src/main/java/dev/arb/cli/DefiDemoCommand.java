package dev.arb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.cli.wiring.Stores;
import dev.arb.config.ArbConfig;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.local.LocalDemo;
import dev.arb.engine.port.RecordStore;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

  @Option(names = "--no-record", description = "Do not store the attempt in arb history.")
  boolean noRecord;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  protected int execute() throws IOException {
    BigInteger marginUnits = margin == null ? LocalDemo.MARGIN : marginUnits(margin);
    ArbConfig cfg = config().config();
    Path dir = contracts != null ? contracts : ContractsDir.locate();
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
        out().println(new ObjectMapper().writeValueAsString(json(r, sink)));
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

  private static Map<String, Object> json(LocalDemo.Result r, RecordStore sink) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("chainId", r.chainId());
    o.put("contract", r.contract());
    o.put("loanSource", r.source().name());
    o.put("lender", r.lender());
    o.put("pairs", r.pairs());
    o.put("borrowed", tokens(r.borrowed()));
    o.put("expectedProfit", tokens(r.expectedProfit()));
    o.put("simulatedProfit", tokens(r.simulatedProfit()));
    o.put("gasCostAtMaxFee", tokens(r.gasCostWei()));
    o.put("sent", r.sent());
    o.put("decision", r.decision());
    o.put("realizedProfit", tokens(r.realizedProfit()));
    o.put("ownerGain", tokens(r.ownerGain()));
    o.put("gasUsed", r.gasUsed() == null ? null : r.gasUsed().toString());
    o.put("txHash", r.txHash());
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("status", r.record().status().code());
    rec.put("startAsset", r.record().startAsset());
    rec.put("exchanges", r.record().exchanges());
    rec.put("estimatedProfit", r.record().estimatedProfit().toPlainString());
    rec.put(
        "realizedProfit",
        r.record().realizedProfit() == null ? null : r.record().realizedProfit().toPlainString());
    rec.put("reason", r.record().reason());
    rec.put("stored", sink == null ? null : sink.location());
    o.put("record", rec);
    return o;
  }

  private void text(LocalDemo.Result r) {
    out().println("loan source:      " + r.source() + " (" + r.lender() + ")");
    out().println("borrowed:         " + tokens(r.borrowed()) + " WETH");
    out().println("expected profit:  " + tokens(r.expectedProfit()) + " WETH");
    out().println("simulated profit: " + tokens(r.simulatedProfit()) + " WETH");
    out().println("decision:         " + (r.sent() ? "sent: " : "not sent: ") + r.decision());
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
    return baseUnits == null
        ? null
        : new BigDecimal(baseUnits).movePointLeft(DECIMALS).stripTrailingZeros().toPlainString();
  }
}
