package dev.arb.cli;

import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.error.ChainException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb defi upgrade}: the owner moves a FlashLoanArbitrage proxy (version 1 or 2) to a new
 * version-2 implementation trusting a given forwarder; state is kept.
 */
@Command(
    name = "upgrade",
    mixinStandardHelpOptions = true,
    description = {
      "Upgrade a FlashLoanArbitrage proxy (owner only) to version 2 trusting --forwarder, so the",
      "owner and the executor can sign requests a relayer submits. Owner, executor, vault, pool",
      "and counters are kept (same storage layout); a version-2 proxy is moved to another",
      "forwarder the same way (or to none with the zero address)."
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

  @Override
  protected int execute() throws IOException {
    String proxy = contract.require();
    DefiAddressArg.require("--forwarder", forwarder);
    String wanted = forwarder.toLowerCase(Locale.ROOT);
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
      BigInteger versionBefore = arb.version();
      String implementationBefore = arb.implementation();
      Optional<String> trusted = arb.trustedForwarder();
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("proxy", arb.address());
      o.put("previousImplementation", implementationBefore);
      o.put("previousVersion", versionBefore);
      if (trusted.isPresent() && trusted.get().equals(wanted)) {
        err()
            .println(
                "arb: "
                    + arb.address()
                    + " (version "
                    + versionBefore
                    + ") already trusts "
                    + wanted
                    + "; nothing was sent");
        o.put("upgraded", false);
      } else {
        arb.upgradeToV2(net.wallet(), wanted);
        o.put("upgraded", true);
      }
      DefiContractReport.putSettings(o, arb);
      o.put("executions", arb.executions());
      DefiContractReport.print(out(), o, network.json);
      return ExitCode.OK;
    }
  }
}
