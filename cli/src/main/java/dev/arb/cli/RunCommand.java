package dev.arb.cli;

import picocli.CommandLine.Command;

/** {@code arb run}: the daemon. Not built yet. */
@Command(
    name = "run",
    description = "Run the engine as a daemon with a status/control endpoint (not available yet).")
final class RunCommand extends BaseCommand {
  @Override
  protected int execute() {
    throw new NotAvailableYet("arb run", "the daemon (lifecycle, HTTP endpoint, metrics)");
  }
}
