package dev.arb.cli;

import picocli.CommandLine.Command;

/** {@code arb defi}: on-chain work. Not built yet. */
@Command(
    name = "defi",
    description = "Flash-loan arbitrage and gasless transactions on chain (not available yet).")
final class DefiCommand extends BaseCommand {
  @Override
  protected int execute() {
    throw new NotAvailableYet("arb defi", "the DeFi side (contracts, chain client, keystore)");
  }
}
