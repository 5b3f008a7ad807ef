package dev.arb.cli;

import picocli.CommandLine.Command;

/** {@code arb history}: stored opportunities. */
@Command(name = "history", description = "Show recorded opportunities.")
final class HistoryCommand extends BaseCommand {
  @Override
  protected int execute() {
    throw new NotAvailableYet("arb history", "the record store");
  }
}
