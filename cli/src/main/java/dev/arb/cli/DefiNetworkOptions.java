package dev.arb.cli;

import java.math.BigDecimal;
import picocli.CommandLine.Option;

/** Options of every {@code arb defi} command that sends on the configured chain (a mixin). */
final class DefiNetworkOptions {
  @Option(
      names = "--max-fee-gwei",
      paramLabel = "GWEI",
      description =
          "Never pay more than this per gas, in gwei (decimals allowed, e.g. 0.1)."
              + " Default: arb.defi.max-fee-gwei (300).")
  BigDecimal maxFeeGwei;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;
}
