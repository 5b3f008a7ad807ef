package dev.arb.cli;

import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb defi upgrade}: the owner moves a FlashLoanArbitrage proxy (any version) to a new build
 * of today's version-2 implementation (version {@value FlashLoanArbitrageContract#CURRENT_VERSION})
 * trusting a given forwarder, allowing the given factories in the same transaction; state is kept.
 */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    description = {
      "Upgrade a FlashLoanArbitrage proxy (owner only) to today's implementation (version 3)",
      "trusting --forwarder, so the owner and the executor can sign requests a relayer submits.",
      "Owner, executor, vault, pool, allowed factories and counters are kept (same storage",
      "layout); a proxy that is already up to date is moved to another forwarder the same way",
      "(or to none with the zero address). A proxy of version 1 or 2 has no allowed factories:",
      "give the DEXes whose pairs may lend with --factory, or flash swaps are refused after it."
    })
final class DefiUpgradeCommand extends BaseCommand {
  @Mixin DefiContractOption contract;

  @Mixin DefiNetworkOptions network;

  @Option(
      names = "--forwarder",
      required = true,
      paramLabel = "ADDRESS",
      description = "EIP-2771 forwarder the new implementation trusts (zero address: none).")
  String forwarder;

  @Option(
      names = "--factory",
      paramLabel = "ADDRESS",
      description =
          "Uniswap-V2-style factory whose pairs may lend, allowed in the upgrade transaction;"
              + " repeatable. Default: none more.")
  List<String> factories = new ArrayList<>();

  @Option(
      names = "--v3-factory",
      paramLabel = "ADDRESS",
      description =
          "Uniswap V3 factory whose pools may be hops, allowed right after the upgrade (a second"
              + " transaction); repeatable. Default: none more.")
  List<String> v3Factories = new ArrayList<>();

  @Override
  protected int execute() throws IOException {
    String proxy = contract.require();
    DefiAddressArg.require("--forwarder", forwarder);
    String wanted = forwarder.toLowerCase(Locale.ROOT);
    factories.forEach(f -> DefiAddressArg.require("--factory", f));
    v3Factories.forEach(f -> DefiAddressArg.require("--v3-factory", f));
    try (DefiNetwork net =
        DefiNetwork.open(config().config().defi(), context().env(), network.maxFeeGwei)) {
      FlashLoanArbitrageContract arb = new FlashLoanArbitrageContract(net.chain(), proxy);
      String owner = arb.owner();
      if (!owner.equals(net.wallet().address())) {
        throw new ChainException(
            "upgrade: "
                + arb.address()
                + " is owned by "
                + owner
                + ", not by the keystore account "
                + net.wallet().address()
                + "; only the owner can upgrade (use the owner's keystore), nothing was sent");
      }
      DefiFactories.requireContracts(net.chain(), factories);
      DefiFactories.requireV3Contracts(net.chain(), "--v3-factory", v3Factories);
      BigInteger versionBefore = arb.version();
      String implementationBefore = arb.implementation();
      Optional<String> trusted = arb.trustedForwarder();
      boolean upgraded;
      boolean current =
          versionBefore.compareTo(BigInteger.valueOf(FlashLoanArbitrageContract.CURRENT_VERSION))
              >= 0;
      if (current && trusted.isPresent() && trusted.get().equals(wanted)) {
        err()
            .println(
                "arb: "
                    + arb.address()
                    + " (version "
                    + versionBefore
                    + ") already trusts "
                    + wanted
                    + "; nothing was sent"
                    + (factories.isEmpty() && v3Factories.isEmpty()
                        ? ""
                        : " (allow factories with 'arb defi factories --contract "
                            + arb.address()
                            + " --allow 0xFACTORY' or --allow-v3)"));
        upgraded = false;
      } else {
        arb.upgradeToV2(net.wallet(), wanted, factories, v3Factories);
        upgraded = true;
        if (arb.allowedFactories().isEmpty()) {
          err()
              .println(
                  "arb: "
                      + arb.address()
                      + " allows no factory: flash swaps (--lender uniswap-v2:PAIR) are refused"
                      + " until its owner allows a DEX with 'arb defi factories --contract "
                      + arb.address()
                      + " --allow 0xFACTORY'");
        }
      }
      DefiContractReport.print(
          out(),
          new DefiContractReport.Upgraded(
              arb.address(),
              implementationBefore,
              versionBefore,
              upgraded,
              DefiContractReport.Settings.of(arb),
              arb.executions()),
          network.json);
      return ExitCode.OK;
    }
  }
}
