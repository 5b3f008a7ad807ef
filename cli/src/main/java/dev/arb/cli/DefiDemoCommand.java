package dev.arb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arb.defi.contract.ContractsDir;
import dev.arb.defi.local.LocalDemo;
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
 * Uniswap V2, Balancer V2 and Aave V3 bytecode), found, sized, simulated and executed.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a local anvil chain, deploy two Uniswap V2 DEXes with a price gap, a Balancer vault, an"
          + " Aave V3 pool and FlashLoanArbitrage, then find, simulate and execute the flash-loan"
          + " arbitrage.",
      "Needs the npm packages of contracts/ (scripts/test installs them)."
    })
final class DefiDemoCommand extends BaseCommand {
  private static final BigDecimal WEI_PER_TOKEN = BigDecimal.TEN.pow(18);

  @Option(
      names = "--contracts",
      paramLabel = "DIR",
      description =
          "The contracts/ folder with node_modules. Default: $ARB_CONTRACTS_DIR, else found above the working directory.")
  Path contracts;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  protected int execute() throws IOException {
    Path dir = contracts != null ? contracts : ContractsDir.locate();
    LocalDemo.Result r =
        LocalDemo.run(dir, context().clock(), line -> err().println("demo: " + line));
    err().flush();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("chainId", r.chainId());
      o.put("contract", r.contract());
      o.put("loanSource", r.source().name());
      o.put("lender", r.lender());
      o.put("pairs", r.pairs());
      o.put("borrowed", tokens(r.borrowed()));
      o.put("expectedProfit", tokens(r.expectedProfit()));
      o.put("simulatedProfit", tokens(r.simulatedProfit()));
      o.put("sent", r.sent());
      o.put("decision", r.decision());
      o.put("realizedProfit", tokens(r.realizedProfit()));
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
      o.put("record", rec);
      out().println(new ObjectMapper().writeValueAsString(o));
    } else {
      out().println("loan source:      " + r.source() + " (" + r.lender() + ")");
      out().println("borrowed:         " + tokens(r.borrowed()) + " WETH");
      out().println("expected profit:  " + tokens(r.expectedProfit()) + " WETH");
      out().println("simulated profit: " + tokens(r.simulatedProfit()) + " WETH");
      out().println("decision:         " + (r.sent() ? "sent: " : "not sent: ") + r.decision());
      if (r.txHash() != null) {
        out().println("realized profit:  " + tokens(r.realizedProfit()) + " WETH");
        out().println("gas used:         " + r.gasUsed());
        out().println("transaction:      " + r.txHash());
      }
    }
    err()
        .println(
            "demo: record: "
                + r.record().status().code()
                + " (not stored: arb history is not wired to the record store in this build)");
    out().flush();
    err().flush();
    return r.realizedProfit() != null && r.realizedProfit().signum() > 0
        ? ExitCode.OK
        : ExitCode.FAILURE;
  }

  /** Base units (18 decimals) as an exact decimal string; {@code null} stays {@code null}. */
  private static String tokens(BigInteger baseUnits) {
    return baseUnits == null
        ? null
        : new BigDecimal(baseUnits).divide(WEI_PER_TOKEN).stripTrailingZeros().toPlainString();
  }
}
