package dev.arb.cli;

import picocli.CommandLine.Command;

/** The {@code arb defi} verbs that have not been built yet: each says so and does nothing. */
final class DefiPendingCommands {
  private DefiPendingCommands() {}

  /** {@code arb defi deploy}. */
  @Command(
      name = "deploy",
      description = "Deploy FlashLoanArbitrage behind its proxy (not available yet).")
  static final class Deploy extends BaseCommand {
    @Override
    protected int execute() {
      throw new NotAvailableYet("arb defi deploy", "deployment to a configured network");
    }
  }

  /** {@code arb defi flashloan}. */
  @Command(
      name = "flashloan",
      description = "Run a flash-loan route on a configured network (not available yet).")
  static final class Flashloan extends BaseCommand {
    @Override
    protected int execute() {
      throw new NotAvailableYet("arb defi flashloan", "flash loans on a configured network");
    }
  }

  /** {@code arb defi withdraw}. */
  @Command(
      name = "withdraw",
      description = "Withdraw tokens from the contract (not available yet).")
  static final class Withdraw extends BaseCommand {
    @Override
    protected int execute() {
      throw new NotAvailableYet("arb defi withdraw", "withdrawal on a configured network");
    }
  }
}
