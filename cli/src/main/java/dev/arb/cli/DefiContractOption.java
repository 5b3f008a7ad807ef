package dev.arb.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --contract} option of the {@code arb defi} commands that act on a deployed
 * FlashLoanArbitrage proxy (a mixin).
 */
final class DefiContractOption {
  @Option(names = "--contract", required = true, paramLabel = "ADDRESS", description = "The proxy.")
  String address;

  /** The proxy address, checked ({@link DefiAddressArg#require}). */
  String require() {
    DefiAddressArg.require("--contract", address);
    return address;
  }
}
