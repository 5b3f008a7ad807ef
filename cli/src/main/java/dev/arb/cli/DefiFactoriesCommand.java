package dev.arb.cli;

import dev.arb.defi.contract.FlashLoanArbitrageContract;
import dev.arb.error.ChainException;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code arb defi factories}: lists the Uniswap-V2-style factories whose pairs a FlashLoanArbitrage
 * proxy lets lend and be hops, and the V3 factories whose pools it lets be hops; (owner only)
 * allows or disallows some.
 */
@Command(
    name = "factories",
    mixinStandardHelpOptions = true,
    description = {
      "List the factories (DEXes) whose pairs FlashLoanArbitrage lets lend through flash swaps",
      "(--lender uniswap-v2:PAIR) and be hops, and the V3 factories whose pools may be hops; with",
      "--allow / --disallow (V2) and --allow-v3 / --disallow-v3, the owner changes those lists",
      "(one transaction each). A route through any other pool is refused by the contract."
    })
final class DefiFactoriesCommand extends BaseCommand {
  @Mixin DefiContractOption contract;

  @Option(names = "--allow", paramLabel = "ADDRESS", description = "Factory to allow; repeatable.")
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--disallow",
      paramLabel = "ADDRESS",
      description = "Factory to disallow; repeatable.")
  List<String> disallow = new ArrayList<>();

  @Option(
      names = "--allow-v3",
      paramLabel = "ADDRESS",
      description = "Uniswap V3 factory to allow; repeatable.")
  List<String> allowV3 = new ArrayList<>();

  @Option(
      names = "--disallow-v3",
      paramLabel = "ADDRESS",
      description = "Uniswap V3 factory to disallow; repeatable.")
  List<String> disallowV3 = new ArrayList<>();

  @Mixin DefiNetworkOptions network;

  @Override
  protected int execute() throws IOException {
    String proxy = contract.require();
    List<String> problems = new ArrayList<>();
    allow.forEach(f -> DefiAddressArg.check("--allow", f, problems));
    disallow.forEach(f -> DefiAddressArg.check("--disallow", f, problems));
    allowV3.forEach(f -> DefiAddressArg.check("--allow-v3", f, problems));
    disallowV3.forEach(f -> DefiAddressArg.check("--disallow-v3", f, problems));
    for (String f : allow) {
      if (disallow.stream().anyMatch(f::equalsIgnoreCase)) {
        problems.add("--allow and --disallow both name " + f + "; give it once");
      }
    }
    for (String f : allowV3) {
      if (disallowV3.stream().anyMatch(f::equalsIgnoreCase)) {
        problems.add("--allow-v3 and --disallow-v3 both name " + f + "; give it once");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    try (DefiNetwork net =
        DefiNetwork.open(config().config().defi(), context().env(), network.maxFeeGwei)) {
      FlashLoanArbitrageContract arb = new FlashLoanArbitrageContract(net.chain(), proxy);
      if (!arb.hasFactoryAllowList()) {
        throw new ChainException(
            "factories: "
                + arb.address()
                + " (version "
                + arb.version()
                + ") has no factory allow-list: it lets any address lend; its owner should run"
                + " 'arb defi upgrade --contract "
                + arb.address()
                + " --forwarder <its forwarder> --factory 0xFACTORY', nothing was sent");
      }
      boolean changesV3 = !allowV3.isEmpty() || !disallowV3.isEmpty();
      if (changesV3 && !arb.takesHopRoutes()) {
        throw new ChainException(
            "factories: "
                + arb.address()
                + " (version "
                + arb.version()
                + ") has no V3 hops; its owner should run 'arb defi upgrade --contract "
                + arb.address()
                + " --forwarder <its forwarder> --v3-factory 0xFACTORY', nothing was sent");
      }
      if (!allow.isEmpty() || !disallow.isEmpty() || changesV3) {
        String owner = arb.owner();
        if (!owner.equals(net.wallet().address())) {
          throw new ChainException(
              "factories: "
                  + arb.address()
                  + " is owned by "
                  + owner
                  + ", not by the keystore account "
                  + net.wallet().address()
                  + "; only the owner can change its factories (use the owner's keystore),"
                  + " nothing was sent");
        }
        DefiFactories.requireContracts(net.chain(), allow);
        DefiFactories.requireV3Contracts(net.chain(), "--allow-v3", allowV3);
        if (!allow.isEmpty()) {
          arb.setFactoriesAllowed(net.wallet(), allow, true);
        }
        if (!disallow.isEmpty()) {
          arb.setFactoriesAllowed(net.wallet(), disallow, false);
        }
        if (!allowV3.isEmpty()) {
          arb.setV3FactoriesAllowed(net.wallet(), allowV3, true);
        }
        if (!disallowV3.isEmpty()) {
          arb.setV3FactoriesAllowed(net.wallet(), disallowV3, false);
        }
      }
      DefiContractReport.print(
          out(),
          new DefiContractReport.Factories(
              arb.address(),
              lower(allow),
              lower(disallow),
              arb.allowedFactories(),
              lower(allowV3),
              lower(disallowV3),
              arb.allowedV3Factories()),
          network.json);
      return ExitCode.OK;
    }
  }

  private static List<String> lower(List<String> addresses) {
    return addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
  }
}
