package dev.arb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code arb defi}: on-chain work. A group: every verb is its own class. */
@Command(
    name = "defi",
    mixinStandardHelpOptions = true,
    description =
        "Flash-loan arbitrage on chain: keystore, demo (local), deploy, upgrade, factories,"
            + " flashloan, withdraw; gasless requests: sign, relay, relays, gasless-demo.",
    subcommands = {
      DefiKeystoreCommand.class,
      DefiDemoCommand.class,
      DefiDeployCommand.class,
      DefiUpgradeCommand.class,
      DefiFactoriesCommand.class,
      DefiWithdrawCommand.class,
      DefiFlashloanCommand.class,
      DefiSignCommand.class,
      DefiRelayCommand.class,
      DefiRelaysCommand.class,
      DefiGaslessDemoCommand.class
    })
final class DefiCommand implements Runnable {
  @Spec CommandSpec spec;

  /** With no subcommand: a usage error listing the subcommands. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a defi subcommand is required: keystore, demo, deploy, upgrade, factories, flashloan,"
            + " withdraw, sign, relay, relays, gasless-demo");
  }
}
