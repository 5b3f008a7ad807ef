package dev.arb.cli;

import dev.arb.defi.chain.ChainClient;
import dev.arb.defi.contract.FlashLoanArbitrageContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb defi deploy}: FlashLoanArbitrage (today's version 2 implementation) behind its
 * ERC-1967 proxy, owned by the keystore, optionally trusting a gasless forwarder, with the
 * factories whose pairs may lend and be hops, and the V3 factories whose pools may be hops, allowed
 * in the same transaction.
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    description = {
      "Deploy FlashLoanArbitrage (version 2) and its ERC-1967 proxy on the configured chain",
      "(arb.defi.*), owned by the keystore account. With --forwarder, the owner and the executor",
      "can also sign requests that a relayer submits through that forwarder (arb defi sign).",
      "Flash swaps (--lender uniswap-v2:PAIR) borrow only from pairs of the --factory DEXes, and",
      "routes go only through their pairs and the pools of the --v3-factory DEXes; change those",
      "lists later with 'arb defi factories'."
    })
final class DefiDeployCommand extends BaseCommand {
  @Option(
      names = "--executor",
      paramLabel = "ADDRESS",
      description = "Hot key allowed to start routes (cannot withdraw or upgrade). Default: none.")
  String executor = ChainClient.ZERO_ADDRESS;

  @Option(
      names = "--balancer-vault",
      paramLabel = "ADDRESS",
      description =
          "Balancer V2 Vault to flash-borrow from (0xBA12222222228d8Ba445958a75a0704d566BF2C8 on"
              + " most chains). Default: none.")
  String balancerVault = ChainClient.ZERO_ADDRESS;

  @Option(
      names = "--aave-pool",
      paramLabel = "ADDRESS",
      description = "Aave V3 Pool to flash-borrow from. Default: none.")
  String aavePool = ChainClient.ZERO_ADDRESS;

  @Option(
      names = "--forwarder",
      paramLabel = "ADDRESS",
      description =
          "EIP-2771 forwarder (GaslessTransactionRelayer) to trust, fixed in the implementation;"
              + " change it later with 'arb defi upgrade'. Default: none.")
  String forwarder = ChainClient.ZERO_ADDRESS;

  @Option(
      names = "--factory",
      paramLabel = "ADDRESS",
      description =
          "Uniswap-V2-style factory (one DEX) whose pairs may lend through flash swaps and be"
              + " hops; repeatable. Default: none (then only Balancer and Aave lend).")
  List<String> factories = new ArrayList<>();

  @Option(
      names = "--v3-factory",
      paramLabel = "ADDRESS",
      description = "Uniswap V3 factory whose pools may be hops; repeatable. Default: none.")
  List<String> v3Factories = new ArrayList<>();

  @Mixin DefiNetworkOptions network;

  @Override
  protected int execute() throws IOException {
    DefiAddressArg.require("--executor", executor);
    DefiAddressArg.require("--balancer-vault", balancerVault);
    DefiAddressArg.require("--aave-pool", aavePool);
    DefiAddressArg.require("--forwarder", forwarder);
    factories.forEach(f -> DefiAddressArg.require("--factory", f));
    v3Factories.forEach(f -> DefiAddressArg.require("--v3-factory", f));
    try (DefiNetwork net =
        DefiNetwork.open(config().config().defi(), context().env(), network.maxFeeGwei)) {
      DefiFactories.requireContracts(net.chain(), factories);
      DefiFactories.requireV3Contracts(net.chain(), "--v3-factory", v3Factories);
      FlashLoanArbitrageContract arb =
          FlashLoanArbitrageContract.deploy(
              net.wallet(), executor, balancerVault, aavePool, forwarder, factories, v3Factories);
      if (factories.isEmpty()) {
        err()
            .println(
                "arb: no --factory given: flash swaps (--lender uniswap-v2:PAIR) are refused until"
                    + " the owner allows a DEX with 'arb defi factories --contract "
                    + arb.address()
                    + " --allow 0xFACTORY'");
        err().flush();
      }
      DefiContractReport.print(
          out(),
          new DefiContractReport.Deployed(
              net.chain().chainId(), arb.address(), DefiContractReport.Settings.of(arb)),
          network.json);
      return ExitCode.OK;
    }
  }
}
