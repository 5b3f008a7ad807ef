package dev.arb.cli;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.contract.UniswapV2;
import dev.arb.defi.contract.UniswapV3;
import dev.arb.error.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** Checks of the Uniswap V2 and V3 factories given to the {@code arb defi} commands. */
final class DefiFactories {
  private DefiFactories() {}

  /**
   * Fails as a usage error, naming each, unless every one of {@code factories} answers like a
   * Uniswap V2 factory on {@code chain}; called before anything is sent.
   */
  static void requireContracts(ChainClient chain, List<String> factories) {
    List<String> problems = new ArrayList<>();
    for (String f : factories) {
      if (!UniswapV2.isFactory(chain, f)) {
        problems.add(
            "--factory "
                + f
                + " is not a Uniswap V2 factory on chain "
                + chain.chainId()
                + " (it does not answer allPairsLength()); give the DEX's factory address, not a"
                + " pair or router");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /**
   * Fails as a usage error, naming each, unless every one of {@code factories} answers like a
   * Uniswap V3 factory on {@code chain} (named {@code option} in the message).
   */
  static void requireV3Contracts(ChainClient chain, String option, List<String> factories) {
    List<String> problems = new ArrayList<>();
    for (String f : factories) {
      if (!UniswapV3.isFactory(chain, f)) {
        problems.add(
            option
                + " "
                + f
                + " is not a Uniswap V3 factory on chain "
                + chain.chainId()
                + " (it does not answer feeAmountTickSpacing(500)); give the DEX's V3 factory"
                + " address, not a pool or router");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
