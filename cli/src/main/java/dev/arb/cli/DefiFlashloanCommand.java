package dev.arb.cli;

import picocli.CommandLine.Command;

/** {@code arb defi flashloan}: not built yet; says so and does nothing. */
@Command(
    name = "flashloan",
    mixinStandardHelpOptions = true,
    description = "Run a flash-loan route on the configured chain (not available yet).")
final class DefiFlashloanCommand extends BaseCommand {
  @Override
  protected int execute() {
    throw new NotAvailableYet("arb defi flashloan", "flash loans on a configured network");
  }
}
