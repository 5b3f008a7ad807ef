package dev.arb.cli;

import picocli.CommandLine.Option;

/** Options of every {@code arb defi} command that sends on the configured chain (a mixin). */
final class DefiNetworkOptions {
  @Option(
      names = "--max-fee-gwei",
      paramLabel = "GWEI",
      description = "Never pay more than this per gas. Default: ${DEFAULT-VALUE}.")
  long maxFeeGwei = 300;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;
}
