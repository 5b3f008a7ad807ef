package dev.arb.cli;

import picocli.CommandLine.Command;

/** {@code arb scan}: one scan. Not built yet. */
@Command(
    name = "scan",
    description = "Scan once for arbitrage cycles and size them (not available yet).")
final class ScanCommand extends BaseCommand {
  @Override
  protected int execute() {
    throw new NotAvailableYet("arb scan", "the scan engine (PathOptimizer, AmtOptimizer)");
  }
}
