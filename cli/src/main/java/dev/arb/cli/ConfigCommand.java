package dev.arb.cli;

import picocli.CommandLine.Command;

/** {@code arb config}: generate, validate and show configuration. */
@Command(name = "config", description = "Generate, validate and show configuration.")
final class ConfigCommand extends BaseCommand {
  @Override
  protected int execute() {
    throw new NotAvailableYet("arb config", "configuration tooling");
  }
}
